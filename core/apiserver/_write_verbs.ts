// Copyright 2026 the k1s authors. Apache-2.0 license.
// The write verbs, which the client loads with its first write: with their admission,
// validation, schema and managed-fields machinery they are most of the API server's code, and a
// process that only reads never needs them.
export { createObject } from "./create.ts";
export { updateObject } from "./update.ts";
export { patchObject } from "./patch.ts";
export { deleteCollection, deleteObject } from "./delete.ts";
export { patchScale, updateScale } from "./_scale_write.ts";

// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * Reading `-f` manifests (files, directories, stdin; YAML and JSON) as kubectl does.
 *
 * @module
 */
export {
  decodeFile,
  loadManifests,
  type LoadManifestsOptions,
  ManifestError,
  type ManifestFs,
  type ManifestObject,
  type ManifestSource,
} from "./load_manifests.ts";
export { decodeJsonStream, type JsonStreamValue, JsonSyntaxError } from "./json_stream.ts";
export {
  splitYamlDocuments,
  type YamlChunk,
  YamlSyntaxError,
  yamlToJson,
} from "./yaml_documents.ts";

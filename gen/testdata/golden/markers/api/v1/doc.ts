// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * Golden input: every marker and type mapping. The version comes from the directory name.
 *
 * +groupName=markers.example.com
 *
 * @module
 */

// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * Version v2, named by marker.
 *
 * +groupName=multi.example.com
 * +versionName=v2
 *
 * @module
 */

// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * Version v1alpha1, no longer served.
 *
 * +groupName=multi.example.com
 *
 * @module
 */

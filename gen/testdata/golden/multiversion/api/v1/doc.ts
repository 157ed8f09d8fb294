// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * Version v1: fields are optional unless marked required (package-level marker).
 *
 * +groupName=multi.example.com
 * +kubebuilder:validation:Optional
 *
 * @module
 */

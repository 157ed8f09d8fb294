// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * The Widget kind: CRD markers, every validation marker and every type mapping.
 *
 * @module
 */
import type { ListMeta, ObjectMeta } from "@k1s/core";
import type { DateTime, int32, int64, IntOrString } from "@k1s/gen";
import type { Derived, Entry, Port, RemoteEndpoint, Ruled } from "./reexport.ts";
import type { Endpoint } from "./shared.ts";

/** Phase is the lifecycle phase of a Widget. */
export type Phase = "Pending" | "Running" | "Done";

/** WidgetSpec maps every supported type. */
export interface WidgetSpec {
  /** A string. */
  str: string;
  /** A plain number is a float. */
  num?: number;
  /**
   * A number made an integer by a marker.
   *
   * +kubebuilder:validation:Type=integer
   */
  numAsInt?: number;
  /**
   * A number made an integer by its format.
   *
   * +kubebuilder:validation:Format=int64
   */
  numAsInt64?: number;
  /** An int32. */
  i32?: int32;
  /** An int64. */
  i64?: int64;
  /** A boolean. */
  flag?: boolean;
  /** An int or a string. */
  ios?: IntOrString;
  /** A timestamp. */
  when?: DateTime;
  /** A string literal union. */
  color: "red" | "green" | "blue";
  /** An integer literal union. */
  level?: 1 | 2 | 3;
  /** A number literal union. */
  ratio?: 0.5 | 1;
  phase?: Phase;
  /** A nullable string. */
  maybe?: string | null;
  /** Optional because undefined is allowed. */
  undef: string | undefined;
  /** A list. */
  list?: string[];
  /** A readonly list. */
  roList?: readonly string[];
  /** An Array of int32. */
  generic?: Array<int32>;
  /** A string map. */
  labels?: Record<string, string>;
  /** Arbitrary JSON object. */
  anyMap?: Record<string, unknown>;
  /** An index signature map. */
  idx?: { [key: string]: int32 };
  /** Arbitrary JSON. */
  raw?: unknown;
  /** An inline object. */
  nested?: {
    /** Inner field. */
    a: string;
    b?: int32;
  };
  endpoint?: Endpoint;
  /** A type imported under another name. */
  remote?: RemoteEndpoint;
  /** The field doc wins over the type doc; the type's bounds stay. */
  port?: Port;
  /** Type markers apply to every item. */
  ports?: Port[];
  /** Inherited fields. */
  derived?: Derived;
  /**
   * Field rules come before the type's rules.
   *
   * +kubebuilder:validation:XValidation:rule="self.max <= 100",message="max is at most 100"
   */
  ruled?: Ruled;

  /**
   * Numeric bounds.
   *
   * +kubebuilder:validation:Minimum=-5
   * +kubebuilder:validation:Maximum=5
   * +kubebuilder:validation:ExclusiveMinimum=true
   * +kubebuilder:validation:ExclusiveMaximum=true
   * +kubebuilder:validation:MultipleOf=0.5
   */
  bounded?: number;
  /**
   * String bounds; a bare pattern may contain commas.
   *
   * +kubebuilder:validation:MinLength=1
   * +kubebuilder:validation:MaxLength=10
   * +kubebuilder:validation:Pattern=^[a-z]{1,10}$
   */
  text?: string;
  /**
   * A quoted pattern.
   *
   * +kubebuilder:validation:Pattern=`^\d+(\.\d+)?$`
   */
  decimal?: string;
  /**
   * List bounds.
   *
   * +kubebuilder:validation:MinItems=1
   * +kubebuilder:validation:MaxItems=3
   * +kubebuilder:validation:UniqueItems=false
   */
  uniq?: string[];
  /**
   * Map bounds.
   *
   * +kubebuilder:validation:MinProperties=1
   * +kubebuilder:validation:MaxProperties=2
   */
  props?: Record<string, string>;
  /**
   * Enum by marker.
   *
   * +kubebuilder:validation:Enum=a;b;c
   */
  viaEnum?: string;
  /**
   * Integer enum by marker.
   *
   * +kubebuilder:validation:Enum={1,2}
   */
  intEnum?: int32;
  /**
   * A format.
   *
   * +kubebuilder:validation:Format=email
   */
  email?: string;
  /**
   * Nullable by marker.
   *
   * +nullable
   */
  nul?: string;
  /**
   * Defaults, one per type.
   *
   * +kubebuilder:default=hello
   */
  defStr?: string;
  /** +kubebuilder:default=-3 */
  defInt?: int32;
  /** +kubebuilder:default=1.5 */
  defNum?: number;
  /** +kubebuilder:default=true */
  defBool?: boolean;
  /** +kubebuilder:default={a: 1, b: "two"} */
  defObj?: Record<string, IntOrString>;
  /** +kubebuilder:default={x,y} */
  defArr?: string[];
  /** +kubebuilder:default={} */
  defEmptyArr?: string[];
  /** +kubebuilder:default={} */
  defEmptyObj?: { a?: string };
  /** +kubebuilder:default="quoted, with comma" */
  defQuoted?: string;
  /**
   * The `:=` spelling, a title, and k8s' own required marker.
   *
   * +kubebuilder:default:=7
   * +kubebuilder:title=Colon equals
   * +k8s:required
   */
  defColonEq?: int32;
  /** +default="json" */
  defJson?: string;
  /**
   * The kubebuilder default wins over the JSON one.
   *
   * +default="json"
   * +kubebuilder:default=kubebuilder
   */
  defBoth?: string;
  /** +kubebuilder:example={a,b} */
  example?: string[];
  /**
   * An embedded object.
   *
   * +kubebuilder:validation:EmbeddedResource
   */
  embedded?: Record<string, unknown>;
  /**
   * Not introspected.
   *
   * +kubebuilder:validation:Schemaless
   * +kubebuilder:validation:Type=object
   * +kubebuilder:pruning:PreserveUnknownFields
   */
  schemaless?: () => void;
  /**
   * An int or a percentage.
   *
   * +kubebuilder:validation:XIntOrString
   * +kubebuilder:validation:Pattern=`^\d+%?$`
   */
  pct?: string;
  /**
   * Unknown fields are kept.
   *
   * +kubebuilder:validation:XPreserveUnknownFields
   */
  keep?: { a?: string };
  /**
   * An associative list.
   *
   * +listType=map
   * +listMapKey=name
   * +listMapKey=port
   */
  entries?: Entry[];
  /** +listType=set */
  set?: string[];
  /** +listType=atomic */
  atomicList?: string[];
  /** +mapType=atomic */
  atomicMap?: Record<string, string>;
  /** +structType=atomic */
  atomicStruct?: { a?: string };
  /**
   * Item validation.
   *
   * +kubebuilder:validation:items:MaxLength=5
   * +kubebuilder:validation:items:Pattern=^[a-z]+$
   * +kubebuilder:validation:items:XValidation:rule="self != 'x'"
   */
  itemsVal?: string[];
  /**
   * Every CEL rule argument.
   *
   * +kubebuilder:validation:XValidation:rule="!oldSelf.hasValue() || self == oldSelf.value()",messageExpression="'x was ' + oldSelf.value().x",reason=FieldValueForbidden,fieldPath=".x",optionalOldSelf=true
   */
  immutable?: { x?: string };
  /** +required */
  reqByMarker?: string;
  /** +kubebuilder:validation:Required */
  reqByKb?: string;
  /** +optional */
  optByMarker: string;
  /** +kubebuilder:validation:Optional */
  optByKb: string;
  /** A key that is not an identifier. */
  "quoted-key"?: string;
  /** A readonly property. */
  readonly ro: string;
  /**
   * Doc processing: the first paragraph.
   *
   * The second paragraph, after a blank line, with a {@link Endpoint} and a
   * {@linkcode Endpoint | labelled link}.
   *
   * Runs of blank lines collapse.
   * TODO: lines starting with TODO are dropped.
   *
   * ```yaml
   * code: kept
   * ---
   * ```
   * ---
   * Everything after a --- line is dropped.
   * +kubebuilder:validation:MinLength=1
   * @deprecated tags end the description, markers after them still count.
   * +kubebuilder:validation:MaxLength=9
   */
  documented?: string;
}

/** WidgetStatus is the observed state. */
export interface WidgetStatus {
  phase?: Phase;
}

/**
 * Widget has every CRD marker that applies to a namespaced kind.
 *
 * +kubebuilder:object:root=true
 * +kubebuilder:subresource:status
 * +kubebuilder:resource:shortName=wd;wdg,categories={all,toys}
 * +kubebuilder:printcolumn:name="Color",type=string,JSONPath=`.spec.color`
 * +kubebuilder:printcolumn:name="Level",type=integer,JSONPath=".spec.level",description="How high",priority=1,format=int32
 * +kubebuilder:printcolumn:name="Age",type=date,JSONPath=`.metadata.creationTimestamp`
 * +kubebuilder:selectablefield:JSONPath=`.spec.color`
 * +kubebuilder:validation:XValidation:rule="self.metadata.name.size() <= 63",message="name too long"
 */
export interface Widget {
  apiVersion: "markers.example.com/v1";
  kind: "Widget";
  metadata: ObjectMeta;
  spec: WidgetSpec;
  status?: WidgetStatus;
}

/**
 * WidgetList is skipped: lists are not kinds.
 *
 * +kubebuilder:object:root=true
 */
export interface WidgetList {
  apiVersion: string;
  kind: string;
  metadata: ListMeta;
  items: Widget[];
}

import {
  expectedList,
  expectedMap,
  expectedStructure,
  invalidBase64Blob,
  notConvertible,
  unexpectedList,
  unexpectedStructure,
  validationFailed,
  validationPhrases,
} from "../errors/catalogue.js";
import { operations, type OperationName } from "../model/operations.gen.js";
import {
  shapes,
  type DocumentShape,
  type ListShape,
  type MapShape,
  type Shape,
  type StructureShape,
} from "../model/shapes.gen.js";

/**
 * Checks a request body against the model before any domain code sees it, failing as AWS does:
 * - a member of the wrong JSON type is a `SerializationException` (the first one found wins, as
 *   AWS fails while deserialising, before it validates anything);
 * - every constraint failure is collected into one `InvalidParameterException`:
 *   `2 validation errors detected: Value 'x' at 'userPoolId' failed to satisfy constraint: ...; ...`.
 * Members the model does not know are ignored, and JSON `null` counts as absent, as on AWS: the input
 * handed back has neither, so handlers see exactly the members the model defines.
 */
export function validateInput(operation: OperationName, input: Record<string, unknown>): Record<string, unknown> {
  const failures: string[] = [];
  const checked = checkValue(operations[operation].input, input, "", false, failures) as Record<string, unknown>;
  if (failures.length === 0) return checked;
  throw validationFailed(failures);
}

type ScalarShape = Exclude<Shape, StructureShape | ListShape | MapShape | DocumentShape>;

/** One model constraint: its text in AWS's messages and a test on a value of the right JSON type. */
interface Constraint {
  text: string;
  isMetBy(value: unknown): boolean;
}

/**
 * Validates a present (non-null) value and returns it without unknown members and nulls. `hidden`: the
 * value sits in a sensitive shape, so messages say `Value at '…'` without echoing it.
 */
function checkValue(shapeName: string, value: unknown, path: string, hidden: boolean, failures: string[]): unknown {
  const shape = shapeNamed(shapeName);
  const hideValue = hidden || hidesValue(shape);
  switch (shape.type) {
    case "structure":
      return checkStructure(shape, value, path, hideValue, failures);
    case "list":
      return checkList(shape, value, path, hideValue, failures);
    case "map":
      return checkMap(shape, value, path, hideValue, failures);
    case "document":
      return value;
    default:
      expectScalarType(shape, value);
      for (const constraint of scalarConstraints(shapeName, shape)) {
        if (!constraint.isMetBy(value)) failures.push(failure(value, path, hideValue, constraint.text));
      }
      // No storage can keep U+0000 in text (PostgreSQL refuses it): refuse it at the door.
      if (typeof value === "string" && value.includes("\u0000")) {
        failures.push(failure(value, path, hideValue, validationPhrases.noNullCharacter()));
      }
      return value;
  }
}

function checkStructure(
  shape: StructureShape,
  value: unknown,
  path: string,
  hidden: boolean,
  failures: string[],
): Record<string, unknown> {
  if (Array.isArray(value)) throw unexpectedList();
  if (typeof value !== "object" || value === null) throw expectedStructure();
  const checked: Record<string, unknown> = {};
  for (const [name, member] of Object.entries(shape.members)) {
    const memberPath = path === "" ? lowerFirst(name) : `${path}.${lowerFirst(name)}`;
    const memberValue: unknown = Object.hasOwn(value, name) ? (value as Record<string, unknown>)[name] : undefined;
    if (memberValue === undefined || memberValue === null) {
      if (shape.required.includes(name)) failures.push(failure(null, memberPath, hidden, validationPhrases.notNull()));
    } else {
      checked[name] = checkValue(member.shape, memberValue, memberPath, hidden, failures);
    }
  }
  return checked;
}

function checkList(shape: ListShape, value: unknown, path: string, hidden: boolean, failures: string[]): unknown[] {
  if (!Array.isArray(value)) throw typeof value === "object" ? unexpectedStructure() : expectedList();
  const hideValue = hidden || hidesValue(shapeNamed(shape.member));
  for (const constraint of countBounds(shape)) {
    if (!constraint.isMetBy(value.length)) failures.push(failure(value, path, hideValue, constraint.text));
  }
  // AWS numbers list elements from 1 and names them `member`: `schema.1.member.name`.
  const elements = value.map((element, index): [string, unknown] => [`${path}.${index + 1}.member`, element]);
  return checkElements("Member", shape.member, elements, value, path, hideValue, failures);
}

function checkMap(
  shape: MapShape,
  value: unknown,
  path: string,
  hidden: boolean,
  failures: string[],
): Record<string, unknown> {
  if (Array.isArray(value)) throw unexpectedList();
  if (typeof value !== "object" || value === null) throw expectedMap();
  const entries = Object.entries(value);
  const hideValue = hidden || hidesValue(shapeNamed(shape.key)) || hidesValue(shapeNamed(shape.value));
  for (const constraint of countBounds(shape)) {
    if (!constraint.isMetBy(entries.length)) failures.push(failure(value, path, hideValue, constraint.text));
  }
  const keys = entries.map(([key]): [string, unknown] => [path, key]);
  checkElements("Map keys", shape.key, keys, value, path, hideValue, failures);
  const values = entries.map(([key, entryValue]): [string, unknown] => [`${path}.${key}`, entryValue]);
  const checkedValues = checkElements("Map value", shape.value, values, value, path, hideValue, failures);
  return Object.fromEntries(entries.map(([key], index) => [key, checkedValues[index]]));
}

/**
 * Elements of a list, or keys or values of a map, given as [path, value] pairs. Structured elements
 * are validated at their own paths. Scalar elements are reported as AWS does, once for the whole
 * collection, listing every constraint of the element shape:
 * `Value '[a, b]' at 'attributeNames' failed to satisfy constraint: Member must satisfy constraint: [...]`.
 * Returns the elements checked, in order.
 */
function checkElements(
  label: "Member" | "Map keys" | "Map value",
  elementShapeName: string,
  elements: [string, unknown][],
  collection: unknown,
  collectionPath: string,
  hidden: boolean,
  failures: string[],
): unknown[] {
  const elementShape = shapeNamed(elementShapeName);
  if (!isScalar(elementShape)) {
    return elements.map(([elementPath, element]) => {
      if (element === null) failures.push(failure(null, elementPath, hidden, validationPhrases.notNull()));
      return element === null ? null : checkValue(elementShapeName, element, elementPath, hidden, failures);
    });
  }
  const constraints = scalarConstraints(elementShapeName, elementShape);
  let hasNull = false;
  let violated = false;
  for (const [, element] of elements) {
    if (element === null) {
      hasNull = true;
      continue;
    }
    expectScalarType(elementShape, element);
    const containsNul = typeof element === "string" && element.includes("\u0000");
    if (containsNul || constraints.some((constraint) => !constraint.isMetBy(element))) violated = true;
  }
  const checked = elements.map(([, element]) => element);
  if (!violated && !hasNull) return checked;
  const texts = constraints.map((constraint) => constraint.text);
  if (hasNull) texts.push(validationPhrases.notNull());
  failures.push(failure(collection, collectionPath, hidden, validationPhrases.elements(label, texts)));
  return checked;
}

const base64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Throws AWS's deserialisation error unless the JSON value has the type the shape needs. */
function expectScalarType(shape: ScalarShape, value: unknown): void {
  if (Array.isArray(value)) throw unexpectedList();
  if (typeof value === "object") throw unexpectedStructure();
  switch (shape.type) {
    case "string":
      if (typeof value === "string") return;
      break;
    case "boolean":
      if (typeof value === "boolean") return;
      break;
    case "integer":
      // A Java int. Fractions are rejected rather than truncated, so domain code gets whole numbers.
      if (Number.isInteger(value) && (value as number) >= -(2 ** 31) && (value as number) < 2 ** 31) return;
      break;
    case "long":
      if (Number.isSafeInteger(value)) return;
      break;
    case "timestamp":
      // Epoch seconds, as the AWS JSON protocol sends timestamps.
      if (typeof value === "number" && Number.isFinite(value)) return;
      break;
    case "blob":
      if (typeof value !== "string") break;
      if (!base64.test(value)) throw invalidBase64Blob();
      return;
  }
  // JSON leaves only strings, numbers and booleans here.
  throw notConvertible(value as string | number | boolean, shape.type);
}

const constraintsByShape = new Map<string, readonly Constraint[]>();

/** The constraints of a scalar shape, in the order AWS reports them: max, min, pattern, enum. */
function scalarConstraints(shapeName: string, shape: ScalarShape): readonly Constraint[] {
  let constraints = constraintsByShape.get(shapeName);
  if (constraints === undefined) {
    constraints = constraintsOf(shape);
    constraintsByShape.set(shapeName, constraints);
  }
  return constraints;
}

function constraintsOf(shape: ScalarShape): Constraint[] {
  switch (shape.type) {
    case "string": {
      // Lengths count characters (Unicode code points), not UTF-16 code units.
      const constraints = bounds("length", shape, (value) => [...(value as string)].length);
      if (shape.pattern !== undefined) {
        const regex = new RegExp(shape.pattern, "u");
        constraints.push({
          text: validationPhrases.pattern(shape.publishedPattern ?? shape.pattern),
          isMetBy: (value) => regex.test(value as string),
        });
      }
      const allowed = shape.enum;
      if (allowed !== undefined) {
        constraints.push({
          text: validationPhrases.enumValue(allowed),
          isMetBy: (value) => allowed.includes(value as string),
        });
      }
      return constraints;
    }
    case "blob":
      return bounds("length", shape, (value) => Buffer.byteLength(value as string, "base64"));
    case "integer":
    case "long":
      return bounds("value", shape, (value) => value as number);
    case "boolean":
    case "timestamp":
      return [];
  }
}

/** Element or entry counts of a list or map, tested against the count itself. */
function countBounds(shape: ListShape | MapShape): Constraint[] {
  return bounds("length", shape, (count) => count as number);
}

function bounds(
  measure: "length" | "value",
  range: { min?: number; max?: number },
  measureOf: (value: unknown) => number,
): Constraint[] {
  const constraints: Constraint[] = [];
  const { min, max } = range;
  if (max !== undefined) {
    constraints.push({
      text: validationPhrases.atMost(measure, max),
      isMetBy: (value) => measureOf(value) <= max,
    });
  }
  if (min !== undefined) {
    constraints.push({
      text: validationPhrases.atLeast(measure, min),
      isMetBy: (value) => measureOf(value) >= min,
    });
  }
  return constraints;
}

function failure(value: unknown, path: string, hidden: boolean, constraint: string): string {
  if (value === null) return validationPhrases.nullFailure(path, constraint);
  if (hidden) return validationPhrases.hiddenValueFailure(path, constraint);
  return validationPhrases.valueFailure(javaText(value), path, constraint);
}

/** How deep javaText prints nested values: a body nested thousands deep would otherwise exhaust the stack. */
const JAVA_TEXT_DEPTH = 64;

/**
 * A value as AWS's Java service prints it: lists `[a, b]`, maps and structures `{k=v, k2=v2}`; anything
 * nested deeper than JAVA_TEXT_DEPTH as `...`.
 */
function javaText(value: unknown, depth = 0): string {
  if (depth >= JAVA_TEXT_DEPTH && typeof value === "object" && value !== null) return "...";
  if (Array.isArray(value)) return `[${value.map((entry) => javaText(entry, depth + 1)).join(", ")}]`;
  if (typeof value === "object" && value !== null) {
    return `{${Object.entries(value)
      .map(([key, entry]) => `${key}=${javaText(entry, depth + 1)}`)
      .join(", ")}}`;
  }
  return String(value);
}

function shapeNamed(name: string): Shape {
  const shape = shapes[name];
  if (shape === undefined) throw new Error(`shapes.gen.ts has no shape ${name}; run scripts/codegen.ts`);
  return shape;
}

function isScalar(shape: Shape): shape is ScalarShape {
  return shape.type !== "structure" && shape.type !== "list" && shape.type !== "map" && shape.type !== "document";
}

/** Sensitive values are never echoed; nor are blobs, which can be a megabyte of Base64. */
function hidesValue(shape: Shape): boolean {
  return shape.sensitive === true || shape.type === "blob";
}

/** `UserPoolId` → `userPoolId`, `SMSMfaSettings` → `sMSMfaSettings`, as AWS names members in messages. */
function lowerFirst(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1);
}

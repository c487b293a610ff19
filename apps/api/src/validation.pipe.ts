import { ValidationPipe, type ArgumentMetadata } from '@nestjs/common';
import { getMetadataStorage, type ValidationArguments } from 'class-validator';
import type { MetadataStorage } from 'class-transformer/types/MetadataStorage';
import { TransformationType } from 'class-transformer';

// Where class-transformer keeps its decorators' metadata (not exported by its index): a class that uses any is left to the pipe.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { defaultMetadataStorage } = require('class-transformer/cjs/storage') as { defaultMetadataStorage: MetadataStorage };

/** A class's rules as one synchronous check of a plain value; true only when every rule holds. */
type Check = (value: Record<string, unknown>) => boolean;

/** A class as the pipe builds it (a body, a path's or query's parameters). */
type Shape = new () => object;

interface PropertyRule {
  property: string;
  /** IsOptional and the like: when any says no, the property's other rules are not asked. */
  conditions: ((object: object, value: unknown) => boolean)[];
  validators: { validate(value: unknown, args: ValidationArguments): unknown; constraints: unknown[] }[];
}

/**
 * The global ValidationPipe (whitelist, forbidNonWhitelisted, transform), with a shortcut for what every
 * command sends: a class whose rules are all plain checks of its own properties (IsString, MinLength,
 * Matches, IsIn, IsOptional…: no nesting, groups, `each`, async or IsDefined rules) has them run in one
 * pass over a body of own JSON primitives, and a body that meets them all, with no property the class
 * does not name, is made the class's instance as class-transformer would make it. Whatever does not
 * pass the shortcut (a refusal, an unknown property, an object inside, a class with other rules) goes
 * through the pipe exactly as before, so every refusal is found and worded by class-validator.
 */
export class CommandValidationPipe extends ValidationPipe {
  private readonly checks = new Map<Shape, Check | null>();

  constructor() {
    super({ whitelist: true, forbidNonWhitelisted: true, transform: true });
  }

  override transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const shape = metadata.metatype as Shape | undefined;
    if ((metadata.type === 'body' || metadata.type === 'param') && shape !== undefined && isPlainRecord(value)) {
      let check = this.checks.get(shape);
      if (check === undefined) {
        check = compiledCheck(shape);
        this.checks.set(shape, check);
      }
      if (check?.(value)) return Promise.resolve(Object.assign(new shape(), value));
    }
    return super.transform(value, metadata);
  }
}

/**
 * A plain object whose own properties are all JSON primitives (what class-transformer copies as it
 * stands). Path parameters come in find-my-way's `NullObject`, whose prototype is an empty object
 * without a prototype: plain too.
 */
function isPlainRecord(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const prototype = Object.getPrototypeOf(value) as object | null;
  if (prototype !== Object.prototype && prototype !== null && !isEmptyNullPrototype(prototype)) return false;
  for (const item of Object.values(value)) {
    if (item !== null && typeof item === 'object') return false;
    if (typeof item === 'function' || typeof item === 'symbol' || typeof item === 'bigint') return false;
  }
  return true;
}

function isEmptyNullPrototype(prototype: object): boolean {
  return Object.getPrototypeOf(prototype) === null && Reflect.ownKeys(prototype).length === 0;
}

/** Whether class-transformer would make the instance otherwise than by copying the properties. */
function transformed(shape: Shape, metadatas: { propertyName: string }[]): boolean {
  if (defaultMetadataStorage.getStrategy(shape) !== 'none') return true;
  if (defaultMetadataStorage.getExposedMetadatas(shape).length > 0 || defaultMetadataStorage.getExcludedMetadatas(shape).length > 0)
    return true;
  return metadatas.some(
    ({ propertyName }) =>
      defaultMetadataStorage.findTypeMetadata(shape, propertyName) !== undefined ||
      defaultMetadataStorage.findTransformMetadatas(shape, propertyName, TransformationType.PLAIN_TO_CLASS).length > 0,
  );
}

/** The class's rules as one check, or null when any of them is of a kind the shortcut does not run. */
function compiledCheck(shape: Shape): Check | null {
  const storage = getMetadataStorage();
  const metadatas = storage.getTargetValidationMetadatas(shape, undefined as unknown as string, false, false);
  if (metadatas.length === 0 || transformed(shape, metadatas)) return null;
  const rules = new Map<string, PropertyRule>();
  for (const metadata of metadatas) {
    if (metadata.each || metadata.always || (metadata.groups?.length ?? 0) > 0 || metadata.context !== undefined) return null;
    if (metadata.validateIf !== undefined) return null;
    const property = metadata.propertyName;
    const rule = rules.get(property) ?? { property, conditions: [], validators: [] };
    rules.set(property, rule);
    if (metadata.type === 'conditionalValidation') {
      rule.conditions.push(metadata.constraints[0] as PropertyRule['conditions'][number]);
    } else if (metadata.type === 'customValidation') {
      for (const constraint of storage.getTargetValidatorConstraints(metadata.constraintCls)) {
        if (constraint.async) return null;
        const instance = constraint.instance as PropertyRule['validators'][number];
        rule.validators.push({ validate: (value, args) => instance.validate(value, args), constraints: metadata.constraints });
      }
    } else {
      return null;
    }
  }
  const properties = [...rules.values()];
  const named = new Set(rules.keys());
  return (value) => {
    for (const key of Object.keys(value)) if (!named.has(key)) return false;
    for (const { property, conditions, validators } of properties) {
      const item = value[property];
      if (!conditions.every((condition) => condition(value, item))) continue;
      for (const { validate, constraints } of validators) {
        const args: ValidationArguments = { targetName: shape.name, property, object: value, value: item, constraints };
        if (validate(item, args) !== true) return false;
      }
    }
    return true;
  };
}

import { applyDecorators } from '@nestjs/common';

/** What TypeScript records as a parameter's type: the class the ValidationPipe validates it by. */
type ParameterType = new (...args: never[]) => unknown;

/** A parameter of a generated route: Nest's decorator for it, and its type. */
export type RouteParameter = [decorate: ParameterDecorator, type: ParameterType];

/**
 * Adds a route to a controller as if it were written as a method named after `verb`: each parameter gets
 * its decorator and, in the metadata TypeScript emits for a written method, its type (what the global
 * ValidationPipe checks a body by and /docs describes it from); then the method gets `decorators`.
 */
export function defineRoute(
  controller: { prototype: object },
  verb: string,
  handler: (...args: never[]) => unknown,
  parameters: RouteParameter[],
  decorators: MethodDecorator[],
): void {
  const prototype = controller.prototype;
  const name = verb.replace(/-(\w)/g, (_, letter: string) => letter.toUpperCase());
  if (Object.hasOwn(prototype, name)) throw new Error(`Two routes of ${prototype.constructor.name} are both called ${name}`);
  // /docs finds a method's parameters by the function's own name, as it would be for a written method.
  Object.defineProperty(handler, 'name', { value: name });
  Object.defineProperty(prototype, name, { value: handler, writable: true, configurable: true });
  Reflect.defineMetadata(
    'design:paramtypes',
    parameters.map(([, type]) => type),
    prototype,
    name,
  );
  parameters.forEach(([decorate], index) => decorate(prototype, name, index));
  applyDecorators(...decorators)(prototype, name, Object.getOwnPropertyDescriptor(prototype, name)!);
}

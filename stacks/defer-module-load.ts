import Module from "node:module";

type Load = (request: string, parent: unknown, isMain: boolean) => unknown;
const loader = Module as unknown as { _load: Load };

/**
 * Makes `require(name)` return a stand-in that loads the real module on first use (a call or a property read), so
 * a dependency that a library requires eagerly but uses rarely costs nothing at startup. Only for modules that
 * export a function or an object and are not inspected before use.
 */
export function deferModuleLoad(name: string): void {
  const load = loader._load;
  loader._load = function (request, parent, isMain) {
    if (request !== name) return load.call(this, request, parent, isMain);
    let real: unknown;
    const resolve = () => (real ??= load.call(this, request, parent, isMain)) as (...args: unknown[]) => unknown;
    return new Proxy(function deferred() {}, {
      apply: (_target, self, args) => resolve().apply(self, args),
      get: (_target, property) => Reflect.get(resolve(), property),
    });
  };
}

import * as path from "node:path";
import * as ts from "typescript";

/** One property of a public interface or object type, e.g. `EnterpriseRegistryProps.instanceName`. */
export interface PublicProp {
  /** The exported type, or `Type.prop` for an object type written inline in it (e.g. `PlatformDefinition.protection`). */
  readonly owner: string;
  readonly prop: string;
}

const ROOT = path.resolve(__dirname, "../..");

/** True for a declaration in this project's sources (not in node_modules or the generated provider bindings). */
function isOwnSource(decl: ts.Declaration): boolean {
  const file = decl.getSourceFile().fileName;
  return file.startsWith(ROOT) && !file.includes("/node_modules/") && !file.includes("/.gen/");
}

/**
 * Every data property of every interface and object type exported by `modules` (paths relative to the project
 * root), read by the compiler, so a prop added to a props interface is listed without anyone remembering it. Methods
 * and members inherited from outside the project (`node` of a construct) are not props. Unions are read member by
 * member (`CiPushPrincipalProps` has `role` or `user`), and object types written inline are listed under
 * `Type.prop`.
 */
export function publicProps(modules: readonly string[]): PublicProp[] {
  const files = modules.map((m) => path.join(ROOT, m));
  const program = ts.createProgram(files, { strict: true, skipLibCheck: true, noEmit: true });
  const checker = program.getTypeChecker();
  const found = new Map<string, PublicProp>();
  const visit = (owner: string, type: ts.Type): void => {
    for (const member of type.isUnion() ? type.types : [type]) {
      for (const symbol of checker.getPropertiesOfType(member)) {
        const decl = symbol.valueDeclaration ?? symbol.declarations?.[0];
        if (!decl || !isOwnSource(decl) || ts.isMethodSignature(decl) || ts.isMethodDeclaration(decl)) continue;
        found.set(`${owner}.${symbol.name}`, { owner, prop: symbol.name });
        const inline = ts.isPropertySignature(decl) && decl.type && ts.isTypeLiteralNode(decl.type);
        if (inline) visit(`${owner}.${symbol.name}`, checker.getTypeAtLocation(decl.type!));
      }
    }
  };
  for (const file of files) {
    const moduleSymbol = checker.getSymbolAtLocation(program.getSourceFile(file)!)!;
    for (const exported of checker.getExportsOfModule(moduleSymbol)) {
      const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
      if (!(symbol.flags & (ts.SymbolFlags.Interface | ts.SymbolFlags.TypeAlias))) continue;
      visit(exported.name, checker.getDeclaredTypeOfSymbol(symbol));
    }
  }
  return [...found.values()];
}

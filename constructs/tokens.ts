import { IResolveContext, Token, Tokenization } from "./engine";

/**
 * Token questions about strings, answered by the engine's token API (`Tokenization.reverseString`,
 * `Token.isUnresolved`) rather than by matching its token markers, which are the engine's private encoding.
 */

/**
 * `value` with every token replaced by `placeholder`, so that the literal characters keep their order (the literal
 * view of a value whose tokens resolve only at plan or apply). A value without tokens comes back unchanged.
 */
export function replaceTokens(value: string, placeholder: string): string {
  if (!Token.isUnresolved(value)) return value;
  // mapTokens turns each token into whatever `resolve` returns; the fragments then join as plain text.
  const context = { resolve: () => placeholder } as unknown as IResolveContext;
  return Tokenization.reverseString(value)
    .mapTokens(context)
    .join({ join: (left: unknown, right: unknown) => `${String(left ?? "")}${String(right ?? "")}` }) as string;
}

/** True when `value` holds tokens and no literal text: it may resolve to anything. */
export function isWholeToken(value: string): boolean {
  return Token.isUnresolved(value) && Tokenization.reverseString(value).literals.length === 0;
}

/**
 * True when `value` contains a list token (`Token.asList(...)` element). A list cannot be spliced into a string;
 * the engine asks the same question of a one-element list.
 */
export function containsListToken(value: string): boolean {
  return Token.isUnresolved([value]);
}

/** How many tokens `value` holds (0 for a plain string). */
export function countTokens(value: string): number {
  return Token.isUnresolved(value) ? Tokenization.reverseString(value).tokens.length : 0;
}

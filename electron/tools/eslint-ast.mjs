/**
 * Small readings of ESTree nodes shared by Mailbag's own lint rules (the command line's and the
 * window's sentence rules), so both name a call the same way.
 */

/** The name a call is made by: `f(…)` → "f", `a.b.f(…)` → "f"; undefined for a computed or other callee. */
export function calleeName(callee) {
  if (callee.type === 'Identifier') return callee.name;
  if (callee.type === 'MemberExpression' && !callee.computed && callee.property.type === 'Identifier') return callee.property.name;
  return undefined;
}

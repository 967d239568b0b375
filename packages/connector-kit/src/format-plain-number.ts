/**
 * Plain decimal text for a number, never exponent notation (1e21 → '1000000000000000000000').
 *
 * @example formatPlainNumber(1.5e-7) // '0.00000015'
 */
export function formatPlainNumber(n: number): string {
  const text = String(n);
  if (!text.includes('e')) return text;
  return n.toLocaleString('en-US', { useGrouping: false, maximumFractionDigits: 20 });
}

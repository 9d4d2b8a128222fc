/**
 * Built-in example inputs for the CLI and the README.
 * @module
 */

/**
 * An illustrative ETH option chain: spot 2000 USD, expiries 7, 30 and 90 days, strikes
 * 1600–2400, calls and puts, a smile of 70% at the money rising by 1.2 × ln(K/S)².
 * The numbers are made up to look like a Deribit chain, not taken from one.
 */
export function exampleChain() {
  const spot = 2000;
  const rows: { days: number; strike: number; call: boolean; vol: number }[] = [];
  for (const days of [7, 30, 90]) {
    for (let strike = 1600; strike <= 2400; strike += 200) {
      const m = Math.log(strike / spot);
      for (const call of [true, false]) rows.push({ days, strike, call, vol: 0.7 + 1.2 * m * m });
    }
  }
  return {
    rows,
    input: {
      spot,
      strike: Float64Array.from(rows, (r) => r.strike),
      time: Float64Array.from(rows, (r) => r.days / 365),
      vol: Float64Array.from(rows, (r) => r.vol),
      rate: 0.04,
      dividend: 0,
      call: Uint8Array.from(rows, (r) => (r.call ? 1 : 0)),
    },
  };
}

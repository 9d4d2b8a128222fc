/**
 * Built-in example inputs for the CLI and the README.
 * @module
 */

/**
 * An illustrative ETH option chain: spot 2000 USD, expiries 7, 30 and 90 days, strikes
 * 1600–2400, calls and puts, a smile of 70% at the money rising by 1.2 × ln(K/S)², and open
 * interest heavier at round strikes, in near expiries, in puts below and calls above spot.
 * The numbers are made up to look like a Deribit chain, not taken from one.
 */
export function exampleChain() {
  const spot = 2000;
  const rows: { days: number; strike: number; call: boolean; vol: number; openInterest: number }[] = [];
  for (const days of [7, 30, 90]) {
    for (let strike = 1600; strike <= 2400; strike += 200) {
      const m = Math.log(strike / spot);
      // open interest piles up at round strikes and in the nearer expiries, puts below, calls above
      for (const call of [true, false]) {
        const side = call ? (strike >= spot ? 1 : 0.4) : strike <= spot ? 1.2 : 0.3;
        const openInterest = Math.round((strike % 1000 === 0 ? 2 : 1) * side * (9000 / Math.sqrt(days)) * 10) / 10;
        rows.push({ days, strike, call, vol: 0.7 + 1.2 * m * m, openInterest });
      }
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
    openInterest: Float64Array.from(rows, (r) => r.openInterest),
  };
}

// The log of what protocols did (liquidations, barks, takes, redos, auction ends, ADL, vault buy-backs and
// expiries), for reports and tests: 9 f64 per event, up to a capacity set by the caller, then only counted.

export const EVENT_FIELDS: i32 = 9;
// kinds
export const EV_LIQUIDATION: f64 = 0; // lending: a = repaid (debt units), b = seized (collateral), c = protocol fee (collateral)
export const EV_BARK: f64 = 1; // cdp: a = tab, b = lot, c = top price
export const EV_TAKE: f64 = 2; // cdp: a = owe (paid), b = slice (collateral), c = auction price
export const EV_AUCTION_END: f64 = 3; // cdp: a = tab left, b = lot left (back to the vault), c = raised
export const EV_PERP_CLOSE: f64 = 4; // perps: a = size closed (signed), b = fill price, c = loss beyond margin
export const EV_ADL: f64 = 5; // perps: a = size closed (signed), b = mark price, c = profit taken
export const EV_VAULT: f64 = 6; // options vault: a = buy-back cost, b = collateral sold, c = shortfall
export const EV_REDO: f64 = 7; // cdp: a = new top price, b = tab, c = lot
export const EV_VAULT_EXPIRY: f64 = 8; // vault option expired: a = intrinsic value, b = collateral paid, c = shortfall

export class Events {
  data: StaticArray<f64>;
  count: i32 = 0; // recorded
  seen: i32 = 0; // happened (count may stop at capacity)
  constructor(capacity: i32) {
    this.data = new StaticArray<f64>(capacity * EVENT_FIELDS);
  }
  /** step, protocol, position (a CDP's vault), kind, a, b, c, liquidator/keeper (-1: none), a CDP's auction (-1: none) */
  add(step: i32, protocol: i32, position: i32, kind: f64, a: f64, b: f64, c: f64, agent: i32, auction: i32 = -1): void {
    this.seen++;
    if ((this.count + 1) * EVENT_FIELDS > this.data.length) return;
    const at = this.count * EVENT_FIELDS;
    unchecked((this.data[at] = <f64>step));
    unchecked((this.data[at + 1] = <f64>protocol));
    unchecked((this.data[at + 2] = <f64>position));
    unchecked((this.data[at + 3] = kind));
    unchecked((this.data[at + 4] = a));
    unchecked((this.data[at + 5] = b));
    unchecked((this.data[at + 6] = c));
    unchecked((this.data[at + 7] = <f64>agent));
    unchecked((this.data[at + 8] = <f64>auction));
    this.count++;
  }
}

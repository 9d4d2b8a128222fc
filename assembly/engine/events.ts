// The log of what protocols did (liquidations, barks, takes, redos, auction ends, ADL, vault buy-backs and
// expiries), for reports and tests: 9 f64 per event, up to a capacity set by the caller, then only counted.

import { EVENT_FIELDS } from "../../bindings/codes";

// kinds (bindings/codes.ts) and their figures a, b, c —
//   EV_LIQUIDATION  lending: repaid (debt units), seized (collateral), protocol fee (collateral)
//   EV_BARK         cdp: tab, lot, top price
//   EV_TAKE         cdp: owe (paid), slice (collateral), auction price
//   EV_AUCTION_END  cdp: tab left (never raised), lot left (to the owner), raised
//   EV_PERP_CLOSE   perps: size closed (signed), fill price, loss beyond margin
//   EV_ADL          perps: size closed (signed), mark price, profit taken
//   EV_VAULT        options vault: buy-back cost, collateral sold, shortfall
//   EV_REDO         cdp: new top price (0: a flip auction restarted by tick), tab, lot
//   EV_TEND         cdp flip: bid, lot, the bid it replaced
//   EV_DENT         cdp flip: lot bid for the tab, tab, collateral returned to the owner
//   EV_VAULT_EXPIRY an option expired: intrinsic value, collateral paid, shortfall

export class Events {
  data: StaticArray<f64>;
  count: i32 = 0; // recorded
  seen: i32 = 0; // happened (count may stop at capacity)
  constructor(capacity: i32) {
    this.data = new StaticArray<f64>(capacity * EVENT_FIELDS);
  }
  /** step, protocol, position (a CDP's vault), kind, a, b, c, liquidator/keeper (-1: none), a CDP's auction (-1: none) */
  add(step: i32, protocol: i32, position: i32, kind: i32, a: f64, b: f64, c: f64, agent: i32, auction: i32 = -1): void {
    this.seen++;
    if ((this.count + 1) * EVENT_FIELDS > this.data.length) return;
    const at = this.count * EVENT_FIELDS;
    unchecked((this.data[at] = <f64>step));
    unchecked((this.data[at + 1] = <f64>protocol));
    unchecked((this.data[at + 2] = <f64>position));
    unchecked((this.data[at + 3] = <f64>kind));
    unchecked((this.data[at + 4] = a));
    unchecked((this.data[at + 5] = b));
    unchecked((this.data[at + 6] = c));
    unchecked((this.data[at + 7] = <f64>agent));
    unchecked((this.data[at + 8] = <f64>auction));
    this.count++;
  }
}

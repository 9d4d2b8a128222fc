// MakerDAO's collateral auctions before Liquidations 2.0 — the Cat and the Flipper of the MCD
// launch (makerdao/dss at 44330065, the code that ran on 12 March 2020: cat.sol bite, flip.sol
// tend, dent, deal, tick) — as pure f64 functions. The CDP protocol (cdp.ts) calls them for its
// `flip` collateral types; they keep no state.
//
// An English auction in two phases: `tend` bids DAI up for the whole lot, each bid above the last
// and at least `beg` times it (or the whole tab); once a bid reaches the tab, `dent` bids the lot
// down for the tab, each lot at most 1/beg of the last, the rest going back to the vault's owner.
// Each bid lives `ttl` seconds (tic); the auction ends `ttl` after its last bid or at `end`
// (kick + `tau`), whichever comes first; one with no bid by `end` is restarted (tick). Time is in
// seconds. The contracts compare with strict inequalities, and so do these functions: at
// now = tic an auction can be neither bid on nor dealt.

/** biteAmount's result area: two f64. */
export const BITE_DART: usize = 0; // debt taken (art units)
export const BITE_DINK: usize = 8; // collateral auctioned: the lot
export const BITE_BYTES: usize = 16;

/**
 * Cat.bite (2020) on an unsafe vault (ink, art): the lot is min(ink, lump) and the debt taken
 * art·lot/ink (all of art when the lot is all of the ink). Writes dart and dink to `out` and
 * returns 0, or −1 (nothing written but zeros) when the vault has no collateral.
 */
export function biteAmount(ink: f64, art: f64, lump: f64, out: usize): i32 {
  store<f64>(out + BITE_DART, 0.0);
  store<f64>(out + BITE_DINK, 0.0);
  if (!(ink > 0.0)) return -1;
  const lot = min(ink, lump);
  const dart = lot == ink ? art : min(art, (lot * art) / ink);
  store<f64>(out + BITE_DART, dart);
  store<f64>(out + BITE_DINK, lot);
  return 0;
}

/**
 * Flipper.tend's checks on the amounts: a bid for the whole lot may replace the current bid
 * `last` when last < bid ≤ tab and bid ≥ beg·last, or bid = tab (beg ≥ 1).
 */
export function tendOk(bid: f64, last: f64, tab: f64, beg: f64): bool {
  return bid <= tab && bid > last && (bid >= beg * last || bid == tab);
}

/**
 * Flipper.dent's checks on the amounts: once the bid is the tab, a smaller lot may replace the
 * current one `last` when lot < last and beg·lot ≤ last.
 */
export function dentOk(lot: f64, last: f64, bid: f64, tab: f64, beg: f64): bool {
  return bid == tab && lot < last && beg * lot <= last;
}

/** Whether the auction takes bids at `now`: its last bid (tic, 0 for none) and its end are ahead. */
export function biddable(tic: f64, end: f64, now: f64): bool {
  return (tic > now || tic == 0.0) && end > now;
}

/** Whether Flipper.deal may settle it: it has a bid, and that bid's tic or the auction's end has passed. */
export function dealable(tic: f64, end: f64, now: f64): bool {
  return tic != 0.0 && (tic < now || end < now);
}

/** Whether Flipper.tick restarts it: past its end with no bid. */
export function tickable(tic: f64, end: f64, now: f64): bool {
  return end < now && tic == 0.0;
}

/**
 * A `cdp` protocol's collateral types (ilks) as one list, whichever shape it was written in: a
 * single-collateral entry is one ilk (named after its collateral) under its own `auction.Hole`.
 * @module
 */

/** An ilk of protocol type P: an element of its `ilks`, or the single-collateral entry itself. */
export type IlkOf<P> = P extends { ilks: readonly (infer I)[] } ? I : Omit<P, "id" | "type" | "debt"> & { id: string };

/**
 * The ilks of a `cdp` protocol and the global limit over their Dutch auctions.
 * @param p the protocol, either shape
 * @returns its ilks in the order given (the canonical order sorts them by id) and its Hole
 */
export function ilksOf<P extends { type: "cdp" }>(p: P): { ilks: IlkOf<P>[]; Hole: number } {
  if ("ilks" in p) {
    const multi = p as unknown as { ilks: IlkOf<P>[]; Hole?: number };
    return { ilks: [...multi.ilks], Hole: multi.Hole ?? 1e18 };
  }
  const single = p as unknown as { collateral: string; auction: { Hole?: number } };
  return { ilks: [{ ...p, id: single.collateral } as unknown as IlkOf<P>], Hole: single.auction.Hole ?? 1e18 };
}

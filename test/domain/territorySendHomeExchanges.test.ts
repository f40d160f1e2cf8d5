/**
 * Sending moved accounts home where one or two at a time cannot: an exchange of sets between
 * two reps (src/domain/territory/sendHomeExchanges.ts) and the refit of a region from its
 * current owners (sendHomeRefit.ts). Boards are set by hand to the state a run might leave;
 * loads are potential ÷ total potential, and every expected owner is worked out by hand.
 */
import type { Account, Rep } from "../../src/domain/territory";
import { Board } from "../../src/domain/territory/board";
import { sendHome } from "../../src/domain/territory/sendHome";

const rep = (id: string): Rep => ({ id, regions: [], industries: [], sizeTiers: [], capacity: 1 });
const account = (id: string, potential: number, currentOwner?: string): Account => ({
  id,
  region: "EMEA",
  industry: "Retail",
  sizeTier: "SMB",
  potential,
  workload: 1,
  currentOwner,
});

/** A board of `accounts` over `repCount` reps, each account on the rep `placed` numbers. */
function boardWith(
  accounts: Account[],
  repCount: number,
  placed: number[],
  maxAccountsPerRep?: number
) {
  const reps = [rep("R1"), rep("R2"), rep("R3")].slice(0, repCount);
  const board = new Board({ accounts, reps, settings: { maxAccountsPerRep } });
  placed.forEach((r, a) => board.assign(a, r));
  return board;
}

describe("sending moved accounts home by exchange", () => {
  // R1 owns a1 (4), a2 (12), c (16) and d (20); R2 owns e (12). Total 64 (so every load is
  // exact in binary), targets 32. The run left a1 and c on R2: R1 = a2 + d = 32, R2 = e + a1
  // + c = 32, largest deviation 0%, two moved. Neither goes home alone (R1 would be 36 or 48),
  // and no companion helps: R1 holds no account away from its home to hand over. The fewest
  // moves reaching 0%: R1 must keep exactly 32 of {4, 12, 16, 20}, which is a2 + d (two
  // moved) or a1 + a2 + c (d moved alone). So a1 and c go home and d goes to R2: owners R1,
  // R1, R1, R2, R2 — one moved.
  const accounts = [account("a1", 4, "R1"), account("a2", 12, "R1"), account("c", 16, "R1")].concat(
    account("d", 20, "R1"),
    account("e", 12, "R2")
  );

  it("returns two and sends one: two moved accounts go home, one of their home's goes instead", () => {
    // With at most three accounts per rep the refit is left out: the exchange alone does it
    // (R1 ends with a1, a2, c; R2 with d, e: both within three).
    const board = boardWith(accounts, 2, [1, 0, 1, 0, 1], 3);
    expect(board.moved).toBe(2);
    sendHome(board, 0, () => undefined);
    expect(Array.from(board.owner)).toEqual([0, 0, 0, 1, 1]);
    expect(board.moved).toBe(1);
    expect(board.maxDeviation()).toBeCloseTo(0, 12);
  });

  it("reaches the same owners without a limit on accounts, where the refit comes first", () => {
    // Refit: all home puts R1 at 52; its excess 20 is met by the smallest account of at least
    // 20, d, which goes to the rep lowest after taking it, R2 (32 of 32).
    const board = boardWith(accounts, 2, [1, 0, 1, 0, 1]);
    sendHome(board, 0, () => undefined);
    expect(Array.from(board.owner)).toEqual([0, 0, 0, 1, 1]);
    expect(board.moved).toBe(1);
  });

  it("keeps two more accounts by refitting three reps at once", () => {
    // R1 owns x (10) and y (25); R2 owns z (20); R3 owns w (30); u (5) has no owner. Total 90,
    // targets 30. The run left R1 = y + u, R2 = w, R3 = x + z: all at 30 (0%), three moved
    // (x, z, w). The fewest reaching 0%: at home R1 has 35, so it must give up x (10; giving
    // up y leaves at most 15); then R1 = 25 needs u, and R2 = 20 needs x; R3 keeps w. One move,
    // and the only assignment with one. A single return or a companion never keeps all three
    // reps at 30 here (each return leaves one rep 10 or 20 away); the refit does: all home
    // (R1 35, R2 20, R3 30), R1 hands over x (the smallest account covering its excess of 5),
    // x goes to the lowest rep after taking it (R2, 30), u then to R1 (30).
    const threeWay = [
      account("x", 10, "R1"),
      account("y", 25, "R1"),
      account("z", 20, "R2"),
    ].concat(account("w", 30, "R3"), account("u", 5));
    const board = boardWith(threeWay, 3, [2, 0, 2, 1, 0]);
    expect(board.moved).toBe(3);
    sendHome(board, 0, () => undefined);
    expect(Array.from(board.owner)).toEqual([1, 0, 1, 2, 0]);
    expect(board.moved).toBe(1);
    expect(board.maxDeviation()).toBeCloseTo(0, 12);
  });

  it("leaves a board whose moves are all needed as it was", () => {
    // R1 owns a (30), b and c (10 each); R2 owns d (10). Targets 30. b and c on R2 is the
    // only way to 0% (R1 must shed exactly 20 of {30, 10, 10}: b + c, or a and then take
    // 10 back, which moves more): both stay moved.
    const needed = [account("a", 30, "R1"), account("b", 10, "R1"), account("c", 10, "R1")].concat(
      account("d", 10, "R2")
    );
    const board = boardWith(needed, 2, [0, 1, 1, 1]);
    sendHome(board, 0, () => undefined);
    expect(Array.from(board.owner)).toEqual([0, 1, 1, 1]);
    expect(board.moved).toBe(2);
  });
});

/**
 * The last pass of a run sends moved accounts home where the largest deviation allows
 * (src/domain/territory/sendHome.ts). Boards are set by hand to the state a run might leave,
 * and every expected figure is worked out by hand: loads are potential ÷ total potential.
 */
import type { Account, Rep } from "../../src/domain/territory";
import { Board } from "../../src/domain/territory/board";
import { sendHome } from "../../src/domain/territory/sendHome";

const rep = (id: string): Rep => ({ id, regions: [], industries: [], sizeTiers: [], capacity: 1 });
const account = (id: string, potential: number, currentOwner: string): Account => ({
  id,
  region: "EMEA",
  industry: "Retail",
  sizeTier: "SMB",
  potential,
  workload: 1,
  currentOwner,
});

/** A board of `accounts` over reps R1, R2 (and R3 when used), each account on the rep `placed` numbers. */
function boardWith(accounts: Account[], placed: string[], toleranceBand = 0): Board {
  const reps = [rep("R1"), rep("R2"), rep("R3")].slice(0, 1 + Math.max(...placed.map(Number)));
  const board = new Board({ accounts, reps, settings: { toleranceBand } });
  placed.forEach((r, a) => board.assign(a, Number(r)));
  return board;
}

const ownersOf = (board: Board) => Array.from(board.owner);

describe("sending moved accounts home", () => {
  it("undoes a swap that balance does not need: both accounts go home together", () => {
    // R1 owns a, b; R2 owns c, d; all 10. The run left a on R2 and c on R1: balanced (0%),
    // two moves. Alone, a going home would put R1 at 30 of 20 (+50%); with c it is 0%.
    const accounts = [account("a", 10, "R1"), account("b", 10, "R1")].concat(
      account("c", 10, "R2"),
      account("d", 10, "R2")
    );
    const board = boardWith(accounts, ["1", "0", "0", "1"]);
    expect(board.moved).toBe(2);
    sendHome(board, 0, () => undefined);
    expect(ownersOf(board)).toEqual([0, 0, 1, 1]);
    expect(board.moved).toBe(0);
    expect(board.maxDeviation()).toBeCloseTo(0, 12);
  });

  it("keeps a move the largest deviation needs", () => {
    // R1 owns a (30), b and c (10 each); R2 owns d (10). Target 30 each. The run moved b and
    // c to R2: 30 and 30, 0%. Either going home puts R1 at 40 (+33%), above 0%: both stay.
    const accounts = [account("a", 30, "R1"), account("b", 10, "R1")].concat(
      account("c", 10, "R1"),
      account("d", 10, "R2")
    );
    const board = boardWith(accounts, ["0", "1", "1", "1"]);
    sendHome(board, 0, () => undefined);
    expect(ownersOf(board)).toEqual([0, 1, 1, 1]);
    expect(board.moved).toBe(2);
  });

  it("sends an account home alone when both reps stay within the run's largest deviation", () => {
    // R1 owns a (12) and b (8); R2 owns c (10), d (10); R3 owns e (20), f (0.0001, to give it
    // one). Total 60.0001, targets 20.00003. The run left b on R3: R1 12, R3 28 — the largest
    // deviation is R3's +40%. b home: R1 20, R3 20, both within it: b goes home.
    const accounts = [account("a", 12, "R1"), account("b", 8, "R1"), account("c", 10, "R2")].concat(
      account("d", 10, "R2"),
      account("e", 20, "R3"),
      account("f", 0.0001, "R3")
    );
    const board = boardWith(accounts, ["0", "2", "1", "1", "2", "2"]);
    sendHome(board, 0, () => undefined);
    expect(ownersOf(board)).toEqual([0, 0, 1, 1, 2, 2]);
    expect(board.moved).toBe(0);
  });

  it("on a run with a band, keeps a rep inside the band inside it", () => {
    // Band ±12%. R1 owns a (30.3); R2 owns b (33) and k (1.5); R3 owns c (25.2). Total 90,
    // targets 30. The run left k on R1: R1 31.8 (+6%), R2 33 (+10%), R3 25.2 (−16%, the
    // largest deviation). k home: R1 30.3 (+1%), R2 34.5 (+15%): within 16%, but R2 would
    // leave the band, so k stays.
    const accounts = [account("a", 30.3, "R1"), account("b", 33, "R2")].concat(
      account("k", 1.5, "R2"),
      account("c", 25.2, "R3")
    );
    const board = boardWith(accounts, ["0", "1", "0", "2"], 0.12);
    expect(board.maxDeviation()).toBeCloseTo(0.16, 12);
    sendHome(board, 0.12, () => undefined);
    expect(ownersOf(board)).toEqual([0, 1, 0, 2]);
    // Without the band the same board sends k home: R2's +15% is within the largest 16%.
    const unbanded = boardWith(accounts, ["0", "1", "0", "2"]);
    sendHome(unbanded, 0, () => undefined);
    expect(ownersOf(unbanded)).toEqual([0, 1, 1, 2]);
  });
});

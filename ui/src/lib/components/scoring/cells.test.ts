import { describe, expect, it } from "vitest";
import { blocked, hearingOf } from "./cells";
import { board } from "../../../test/mock-scoring";

describe("the score board's cells", () => {
  it("say where each candidate is heard, the first hearing counting", () => {
    expect(hearingOf(board, 1)).toBe(1);
    expect(hearingOf(board, 3)).toBeNull();
    const twice = { ...board, hearings: [{ candidate_id: 3, sitting_id: 2 }, { candidate_id: 3, sitting_id: 1 }] };
    expect(hearingOf(twice, 3)).toBe(2);
  });

  it("say why a member cannot score, for the sitting where the candidate is heard", () => {
    expect(blocked(board, 3, 1, null)).toBe("absent");
    expect(blocked(board, 3, 2, 1)).toBe("recused");
    expect(blocked(board, 4, 3, null)).toBe("non_voting");
    expect(blocked(board, 1, 1, 1)).toBeNull();
    // Candidate 3, not heard yet: Dr BELKACEM is excused only while sitting 1 hears him.
    expect(blocked(board, 3, 3, 1)).toBe("absent");
    expect(blocked(board, 3, 3, 2)).toBeNull();
  });

  it("follow a board replaced after a score: a new hearing is seen at once", () => {
    expect(blocked(board, 3, 3, 2)).toBeNull();
    const heard = { ...board, hearings: [...board.hearings, { candidate_id: 3, sitting_id: 1 }] };
    expect(hearingOf(heard, 3)).toBe(1);
    // Heard at sitting 1 now: excused there, whatever sitting is on screen.
    expect(blocked(heard, 3, 3, 2)).toBe("absent");
    expect(hearingOf(board, 3)).toBeNull();
  });
});

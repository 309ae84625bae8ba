/** The planner's output types. */
import type { AttendanceReason, BuyerReason, CompanyReason, MustMeetReason, SlotReason } from "./reasons.js";
import type { AttendanceMode, SessionVenue } from "./venue.js";

/** How a buyer attends the sessions of one city (sessions with the same mode and reason are grouped). */
export interface BuyerAttendance {
  readonly city: string;
  /** The sessions this entry covers, in time order. */
  readonly sessionIds: readonly string[];
  readonly mode: AttendanceMode;
  readonly reason: AttendanceReason;
  /** `reason` in English words (render other locales with `attendanceText`). */
  readonly message: string;
}

/** One scheduled 1:1 meeting. */
export interface Meeting {
  readonly companyId: string;
  readonly buyerId: string;
  readonly sessionId: string;
  readonly city: string;
  /** "YYYY-MM-DD" */
  readonly date: string;
  /** 1-based slot within the session. */
  readonly slot: number;
  /** "HH:MM", local time of the session. */
  readonly start: string;
  /** "HH:MM" */
  readonly end: string;
  /** 1-based table within the slot. */
  readonly table: number;
  /** The pair's score (0 for a must-meet that was not scored). */
  readonly score: number;
  /** True when both sides list languages and share none. */
  readonly interpreter: boolean;
  /** Languages both sides speak (primary subtags, lower case: "en", "ko"). */
  readonly sharedLanguages: readonly string[];
  /** False when either side lists no languages: then `interpreter` is false because nothing is known, not because they share one. */
  readonly languagesKnown: boolean;
  /** The buyer joins online (an online buyer outside the session's travel radius). */
  readonly online: boolean;
  /** Why the buyer attends this meeting in person or online. */
  readonly attendance: { readonly reason: AttendanceReason; readonly message: string };
  /** The meeting was requested as a must-meet (and by whom). */
  readonly mustMeet: boolean;
  readonly requestedBy?: "company" | "buyer";
}

/** A company that got fewer meetings than guaranteed, or none. */
export interface UnmatchedCompany {
  readonly companyId: string;
  readonly meetings: number;
  /** The guaranteed minimum (`minPerCompany`), 0 when none was asked. */
  readonly minimum: number;
  readonly reason: CompanyReason;
  /** `reason` in English words (render other locales with `planReasonText`). */
  readonly message: string;
}

/** A buyer with no meeting. */
export interface UnmatchedBuyer {
  readonly buyerId: string;
  readonly reason: BuyerReason;
  /** `reason` in English words. */
  readonly message: string;
}

/** A must-meet request that could not be kept. */
export interface UnkeptMustMeet {
  readonly companyId: string;
  readonly buyerId: string;
  readonly reason: MustMeetReason;
  /** `reason` in English words. */
  readonly message: string;
}

/** An allocated meeting that slotting could not place (possible only with restricted availability). */
export interface UnplacedMeeting {
  readonly companyId: string;
  readonly buyerId: string;
  readonly city: string;
  readonly reason: SlotReason;
  /** `reason` in English words. */
  readonly message: string;
}

/** Totals of one city. */
export interface CityTotals {
  readonly city: string;
  readonly meetings: number;
  readonly totalScore: number;
  /** Slots × tables over the city's sessions. */
  readonly capacity: number;
}

/** The meeting plan of a mission. */
export interface Agenda {
  /** Every meeting, by date, start, session, slot, table. */
  readonly meetings: readonly Meeting[];
  /** Company id → its meetings in time order (every company present). */
  readonly byCompany: ReadonlyMap<string, readonly Meeting[]>;
  /** Buyer id → its meetings in time order (every buyer present). */
  readonly byBuyer: ReadonlyMap<string, readonly Meeting[]>;
  /** Where each session is held, in time order. */
  readonly venues: readonly SessionVenue[];
  /** Buyer id → how it attends each city's sessions (in person, online or not) and why; every buyer present. */
  readonly attendance: ReadonlyMap<string, readonly BuyerAttendance[]>;
  readonly unmatched: {
    readonly companies: readonly UnmatchedCompany[];
    readonly buyers: readonly UnmatchedBuyer[];
    readonly mustMeets: readonly UnkeptMustMeet[];
    /** Meetings the allocation chose but no slot could hold; empty unless buyers' availability is restricted. */
    readonly unplaced: readonly UnplacedMeeting[];
  };
  readonly totals: {
    readonly meetings: number;
    readonly totalScore: number;
    /** 0 when there are no meetings. */
    readonly meanScore: number;
    readonly interpreterMeetings: number;
    readonly byCity: readonly CityTotals[];
    /** Idle gaps: per date, each run of empty slots between two of a participant's meetings (slotting minimises them). */
    readonly breaks: number;
    /** Company id → its breaks (every company present). */
    readonly breaksByCompany: ReadonlyMap<string, number>;
    /** Buyer id → its breaks (every buyer present). */
    readonly breaksByBuyer: ReadonlyMap<string, number>;
    /**
     * True when the allocation is provably optimal for the stated objective. False only when an online
     * buyer had to be pinned to one city (see docs/plan.md) or a meeting could not be slotted.
     */
    readonly optimal: boolean;
    /** Why `optimal` is false, when the planner knows a reason beyond the two above (the candidate cut with fairness). */
    readonly optimalReason?: string;
  };
}

// The funnel's beacon: tells the server the journey's steps only the browser sees (opened, source type chosen,
// platform chosen, "Can't find yours?") and the connection the journey created, under a random id per journey.
// Consent, sign-in, linked and failed the server records itself. Fire and forget: a lost beacon costs a count,
// never the journey.

import type { FunnelEvent } from "./types.js";

export interface JourneyStep {
  journeyId: string;
  step: string;
  sourceType?: string;
  platformKey?: string;
  connectionId?: string;
}

/** The beacon's body for a funnel event, or nothing when the event is no step the browser reports. */
export function journeyStep(journeyId: string, event: FunnelEvent, detail: Record<string, unknown>): JourneyStep | undefined {
  const text = (key: string) => (typeof detail[key] === "string" ? detail[key] as string : undefined);
  switch (event) {
    case "opened":
      return { journeyId, step: "opened" };
    case "sourceTypeChosen":
    case "platformMissing":
      return { journeyId, step: event, sourceType: text("sourceType") };
    case "platformChosen":
      return { journeyId, step: event, platformKey: text("integrationKey") };
    case "consentGiven":
      return text("connectionId") ? { journeyId, step: "connectionStarted", connectionId: text("connectionId") } : undefined;
    default:
      return undefined;
  }
}

/** A random (version 4) UUID; crypto.randomUUID only exists on secure pages. */
export function randomJourneyId(): string {
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** Holds a journey's steps until there is a token to send them with (Hosted Link redeems its link first). */
export class Beacon {
  private queue: JourneyStep[] = [];
  private send?: (step: JourneyStep) => Promise<unknown>;
  journeyId = randomJourneyId();

  /** The same journey after the platform's sign-in took this tab away and brought it back (its id was kept). */
  continueAs(journeyId: unknown): void {
    if (typeof journeyId === "string" && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(journeyId)) {
      this.journeyId = journeyId;
    }
  }

  emitted(event: FunnelEvent, detail: Record<string, unknown>): void {
    const step = journeyStep(this.journeyId, event, detail);
    if (step) {
      this.queue.push(step);
      this.flush();
    }
  }

  /** Sends through this from now on: each step after the one before, so the server sees them in order. */
  sendWith(send: (step: JourneyStep) => Promise<unknown>): void {
    this.send = send;
    this.flush();
  }

  private sending = false;

  private flush(): void {
    if (!this.send || this.sending || this.queue.length === 0) {
      return;
    }
    this.sending = true;
    const step = this.queue.shift()!;
    this.send(step).catch(() => undefined).finally(() => {
      this.sending = false;
      this.flush();
    });
  }
}

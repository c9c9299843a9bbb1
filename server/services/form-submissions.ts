import { setTimeout as sleep } from 'node:timers/promises';
import { trusted } from 'mongoose';
import { isDuplicateKey } from '../persistence/database-errors.ts';
import type { Models } from '../persistence/database.ts';
import type { Clock } from './clock.ts';

/** What a form's POST ended in, to give again to a repeat of it. */
export interface FormOutcome {
  redirect: string;
  flash: string | null;
}

/** How long a repeat waits for the first POST of the same form to finish before being handled itself. */
const waitForFirstMs = 15_000;
const pollMs = 100;

/**
 * Makes a form's POST idempotent (a double click on "Submit" or "Save" applies once): every form
 * carries a random token, and the first POST of a session with a token claims it in the database
 * (so this holds across instances); a repeat waits for that one's outcome and gets the same
 * redirect and message. A POST that ends in the form shown again (an error) releases its claim.
 * Claims expire after `keepMs` and are swept.
 */
export class FormSubmissions {
  constructor(
    private readonly models: Models,
    private readonly clock: Clock,
    private readonly keepMs: number,
  ) {}

  /** Claims the POST for this handler: null when it is the first, else the first one's outcome. */
  async claim(key: string): Promise<FormOutcome | null> {
    const deadline = Date.now() + waitForFirstMs;
    for (;;) {
      try {
        await this.models.formSubmissions.create({ _id: key, outcome: null, expiresAt: new Date(this.clock.now().getTime() + this.keepMs) });
        return null;
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
      }
      const first = await this.models.formSubmissions.findById(key).lean();
      if (first?.outcome != null) return { redirect: first.outcome.redirect, flash: first.outcome.flash ?? null };
      // Still being handled (wait), or released since (claim again); past the deadline, handle it (versions still guard every write).
      if (first !== null && Date.now() > deadline) return null;
      if (first !== null) await sleep(pollMs);
    }
  }

  async complete(key: string, outcome: FormOutcome): Promise<void> {
    await this.models.formSubmissions.updateOne({ _id: key }, { $set: { outcome } });
  }

  async release(key: string): Promise<void> {
    await this.models.formSubmissions.deleteOne({ _id: key });
  }

  /** Deletes expired claims; returns how many. */
  async sweep(): Promise<number> {
    const { deletedCount } = await this.models.formSubmissions.deleteMany({ expiresAt: trusted({ $lte: this.clock.now() }) });
    return deletedCount;
  }
}

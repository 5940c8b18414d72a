// The record of one running build as it happens: steps with timings, a bounded log, writes
// throttled to one per 300 ms; a build cancelled elsewhere (another replica) is noticed at
// the next write and aborted here.
import { updateRunningBuild, type BuildStep } from "../db/builds";

const LOG_LIMIT = 64 * 1024;

/** The record keeper of one build: steps with timings, a bounded log, throttled writes. */
export class Recorder {
  steps: BuildStep[] = [];
  log = "";
  private timer?: ReturnType<typeof setTimeout>;
  private writing: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly id: string,
    private readonly ac: AbortController,
  ) {}

  step(name: string) {
    const now = new Date().toISOString();
    const last = this.steps[this.steps.length - 1];
    if (last && !last.finishedAt) last.finishedAt = now;
    this.steps.push({ name, startedAt: now });
    this.line(`== ${name}`);
    this.flush(true);
  }

  detail(text: string) {
    const last = this.steps[this.steps.length - 1];
    if (last) last.detail = text;
    this.flush();
  }

  line(text: string) {
    this.log += `${new Date().toISOString().slice(11, 19)} ${text}\n`;
    if (this.log.length > LOG_LIMIT) this.log = `…\n${this.log.slice(this.log.length - LOG_LIMIT + 2000)}`;
    this.flush();
  }

  closeSteps() {
    const last = this.steps[this.steps.length - 1];
    if (last && !last.finishedAt) last.finishedAt = new Date().toISOString();
  }

  /** Writes now or within 300 ms. A build cancelled elsewhere (another replica) is noticed here. */
  flush(now = false) {
    if (this.timer && !now) return;
    clearTimeout(this.timer);
    const write = () => {
      this.timer = undefined;
      const data = { steps: this.steps as never, log: this.log, heartbeatAt: new Date() };
      this.writing = this.writing.then(async () => {
        const r = await updateRunningBuild(this.id, data);
        if (r === 0) this.ac.abort(); // no longer Running: cancelled by someone
      }).catch(() => undefined);
    };
    if (now) write();
    else this.timer = setTimeout(write, 300);
  }

  async settle() {
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.writing;
  }
}

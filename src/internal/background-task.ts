/**
 * Work the user does not wait for, kept off the way of what they do wait for. The purchase
 * journal comes due as the offers arrive: in their task it would delay the banners' product data,
 * and in a plain next task the frame that shows the offer.
 */

/** The Prioritized Task Scheduling API, where the browser has it (TypeScript's DOM types do not, yet). */
interface TaskScheduler {
  postTask(callback: () => void, options: { priority: 'background' }): Promise<void>;
}

/**
 * Runs `work` in a task of its own at the lowest priority (`scheduler.postTask`, background):
 * after rendering and the tasks already queued, such as a host's answers. Where there is no
 * scheduler (EdgeHTML 18, Safari), in a task of its own after those already queued (a timer).
 * `work` must take the state it needs when it runs.
 */
export function inBackground(work: () => void): void {
  const scheduler = (globalThis as { scheduler?: TaskScheduler }).scheduler;
  if (typeof scheduler?.postTask == 'function') {
    // Its promise rejects only when `work` throws: reported, as a timer's exception would be.
    scheduler.postTask(work, { priority: 'background' }).catch(reportError);
  } else {
    setTimeout(work);
  }
}

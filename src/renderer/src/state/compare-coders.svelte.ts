// The Compare coders view: two coders, optionally narrowed to some documents and codes, and their intercoder
// agreement (percent and Cohen's kappa, overall and per code) with the passages only one of them coded.
import type { CommitEvent } from '../../../main/core/api-contract';
import type { AgreementView, Disagreement } from '../../../main/core/sync/views';
import { api } from '../lib/api-client';
import { coders } from './coders.svelte';
import { reader } from './reader.svelte';
import { ui } from './ui.svelte';

class CompareCodersState {
  a = $state('');
  b = $state('');
  /** None chosen: every document (or code) either coder used. */
  articleIds = $state<string[]>([]);
  tagIds = $state<string[]>([]);
  result = $state.raw<AgreementView | null>(null);
  /** Why there is no result (a choice missing), shown in the form. */
  problem = $state<string | null>(null);
  loading = $state(false);
  private seq = 0;

  /** The coders who can be compared: those who signed highlights (not the unsigned ones from before sharing). */
  get named(): string[] {
    return coders.list.flatMap((c) => (c.name === null ? [] : [c.name]));
  }

  async open(): Promise<void> {
    ui.center = 'compare-coders';
    await coders.load();
    const names = this.named;
    if (!names.includes(this.a)) this.a = names[0] ?? '';
    if (!names.includes(this.b) || this.b === this.a) this.b = names.find((n) => n !== this.a) ?? '';
  }

  async run(): Promise<void> {
    const seq = ++this.seq;
    if (!this.a || !this.b) {
      this.problem =
        this.named.length < 2
          ? 'Comparing needs two coders: share the notebook and let a colleague code in it too.'
          : 'Choose coder A and coder B.';
      return;
    }
    if (this.a === this.b) {
      this.problem = 'Choose two different coders.';
      return;
    }
    this.problem = null;
    this.loading = true;
    try {
      const result = await api.coderAgreement({
        coderA: this.a,
        coderB: this.b,
        ...(this.articleIds.length ? { articleIds: this.articleIds } : {}),
        ...(this.tagIds.length ? { tagIds: this.tagIds } : {}),
      });
      if (seq === this.seq) this.result = result;
    } catch (e) {
      if (seq === this.seq) ui.error(e);
    } finally {
      if (seq === this.seq) this.loading = false;
    }
  }

  /** Opens the article at the passage where the disagreement starts. */
  async show(d: Disagreement): Promise<void> {
    await reader.open(d.documentId);
    const passage = reader.view?.passages.find((p) => p.end > d.start);
    if (!passage) return;
    reader.targetPassageId = passage.id;
    reader.scrollTick++;
  }

  apply(e: CommitEvent): void {
    if (!this.result || ui.center !== 'compare-coders') return;
    if (e.records.some((r) => r.kind === 'highlight' || r.kind === 'tag' || r.kind === 'article'))
      void this.run();
  }
}

export const compareCoders = new CompareCodersState();

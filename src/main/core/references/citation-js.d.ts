// citation-js ships no type declarations: the little of its API Quire uses, typed by hand.
declare module '@citation-js/core' {
  export class Cite {
    constructor(data: unknown, options?: Record<string, unknown>);
    data: Record<string, unknown>[];
    format(format: string, options?: Record<string, unknown>): unknown;
  }
  export const plugins: {
    config: { get(plugin: string): unknown };
    input: {
      chain(
        data: unknown,
        options?: { forceType?: string; generateGraph?: boolean },
      ): Record<string, unknown>[];
    };
  };
}
declare module '@citation-js/plugin-csl';
declare module '@citation-js/plugin-bibtex';
declare module '@citation-js/plugin-ris';

// What a text input that edits a document value shows: the value formatted, except while it has focus, when the text
// as typed is kept (so "1." or "-" survive a keystroke). An undo, redo, preset or paste that changes the value while
// the input has focus shows the new value. NumberField, PercentField and the hour grid's cells share it; they differ
// only in how text becomes a value (`parse`) and a value becomes text (`format`).
export class TypedText {
  #focused = $state(false);
  #text = $state('');
  readonly #value: () => unknown;
  readonly #parse: (text: string) => unknown;
  readonly #format: (value: unknown) => string;

  /** Call during a component's initialisation (it registers an effect). */
  constructor(value: () => unknown, parse: (text: string) => unknown, format: (value: unknown) => string) {
    this.#value = value;
    this.#parse = parse;
    this.#format = format;
    $effect(() => {
      const v = this.#value();
      if (this.#focused && !Object.is(v, this.#parse(this.#text))) this.#text = this.#format(v);
    });
  }

  /** The input's text now. */
  get shown(): string {
    return this.#focused ? this.#text : this.#format(this.#value());
  }

  focus(): void {
    this.#text = this.#format(this.#value());
    this.#focused = true;
  }

  blur(): void {
    this.#focused = false;
  }

  /** Keeps `text` as typed and returns the value it stands for (to be written to the document). */
  input(text: string): unknown {
    this.#text = text;
    return this.#parse(text);
  }
}

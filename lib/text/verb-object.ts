import winkNLP, { type ItsFunction } from "wink-nlp";
import model from "wink-eng-lite-web-model";

/** An instruction's root verb and that verb's direct object, lemmatised and lowercase. */
export interface VerbObject {
  verb: string | null;
  object: string | null;
}

/** The root verb sits at the start of an instruction; parsing a long one whole would only cost time. */
export const PARSED_PREFIX_CHARS = 600;

type Nlp = ReturnType<typeof winkNLP>;
let nlp: Nlp | null = null;

/** The model takes ~0.4 s to load: once per process, on first use. */
function getNlp(): Nlp {
  nlp ??= winkNLP(model, ["sbd", "pos"]);
  return nlp;
}

/**
 * Loads the model now. A process that parses while other work is in flight
 * (the step worker, with LLM calls waiting on their timeouts) calls this
 * before it starts, so the load never blocks its event loop mid-work.
 */
export function loadVerbObjectModel(): void {
  getNlp();
}

interface Token {
  text: string;
  lemma: string;
  pos: string;
}

// Tokens that may stand between a verb and the head noun of its object ("a few creative", "the following").
const NOUN_PHRASE_INSIDE = new Set(["DET", "ADJ", "NUM", "NOUN", "PROPN", "ADV"]);
const PERSONAL = new Set(["me", "us", "him", "her", "them", "you"]);
// "Tell me about …", "Show us how …": the listener, never what the instruction is about.
const LISTENER = new Set(["me", "us"]);
const SENTENCE_END = new Set([".", "!", "?", ":", ";", "\n"]);
const OPENS_NOUN_PHRASE = new Set(["DET", "NUM"]);
const WH_WORDS = new Set(["how", "what", "why", "when", "where", "which", "who", "whether", "if"]);

/**
 * Self-Instruct and WizardLM read the verb closest to the root of a parse
 * tree and its direct object. wink's model tags parts of speech but does not
 * parse dependencies, so the same pair is read from the tags: the root verb is
 * the first verb in its base form (an imperative, or the verb after "can you"
 * / "how do I"); participles and third-person forms ("Given …,", "including",
 * "that reverses") head subordinate clauses and are skipped. Only when no base
 * form exists is the first verb of any form taken ("The code contains a bug.").
 * Imperatives the tagger reads as (proper) nouns ("List the …", "Brainstorm a …") are
 * caught by their place: a sentence's first word followed by a determiner or
 * a number. The object is the head (last noun) of the noun phrase right after
 * the verb; a clause ("how vaccines work"), a preposition or nothing there
 * means none.
 */
export function readVerbObject(instruction: string): VerbObject {
  const tokens = tokensOf(instruction.slice(0, PARSED_PREFIX_CHARS));
  const verbs = tokens.flatMap((t, i) => (t.pos === "VERB" || imperativeReadAsNoun(tokens, i) ? [i] : []));
  const at = verbs.find((i) => tokens[i]!.text.toLowerCase() === tokens[i]!.lemma) ?? verbs[0];
  if (at === undefined) return { verb: null, object: null };
  return { verb: tokens[at]!.lemma, object: objectAfter(tokens, at + 1) };
}

function imperativeReadAsNoun(tokens: Token[], i: number): boolean {
  const t = tokens[i]!;
  const before = tokens[i - 1];
  const atStart = !before || SENTENCE_END.has(before.text) || (i === 1 && before.lemma === "please");
  return atStart && (t.pos === "NOUN" || t.pos === "PROPN") && OPENS_NOUN_PHRASE.has(tokens[i + 1]?.pos ?? "");
}

function objectAfter(tokens: Token[], start: number): string | null {
  let i = start;
  const first = tokens[i];
  if (!first || WH_WORDS.has(first.lemma)) return null;
  if (LISTENER.has(first.lemma) && !NOUN_PHRASE_INSIDE.has(tokens[i + 1]?.pos ?? "")) return null;
  if (first.pos === "PRON") {
    // "Give me three reasons": the pronoun is the indirect object when a noun phrase follows.
    const next = tokens[i + 1];
    if (!(PERSONAL.has(first.lemma) && next && NOUN_PHRASE_INSIDE.has(next.pos) && next.pos !== "ADV"))
      return first.lemma;
    i++;
  }
  let head: string | null = null;
  for (; i < tokens.length && insideNounPhrase(tokens, i); i++) {
    const t = tokens[i]!;
    if (t.pos === "NOUN" || t.pos === "PROPN") head = t.lemma;
    else if (t.text === "-" || t.text === "'s" || t.text === "’s")
      head = null; // "one-sentence summary", "human's behaviour"
    else if (head !== null) break; // "names for …" ends at the preposition; "list sorted" at the verb
  }
  return head;
}

function insideNounPhrase(tokens: Token[], i: number): boolean {
  const t = tokens[i]!;
  if (NOUN_PHRASE_INSIDE.has(t.pos)) return true;
  // A hyphen or a possessive 's between words of one noun phrase.
  return (t.text === "-" || t.text === "'s" || t.text === "’s") && NOUN_PHRASE_INSIDE.has(tokens[i + 1]?.pos ?? "");
}

/** Tokens whose lemma is looked up only when read: lemmatising every token was a fifth of a parse. */
function tokensOf(text: string): Token[] {
  const nlp = getNlp();
  const its = nlp.its;
  const tokens = nlp.readDoc(text).tokens();
  const texts = tokens.out(its.value) as string[];
  const pos = tokens.out(its.pos) as string[];
  // wink's typings declare its.lemma with a signature out() does not accept; at run time it is a token its-function.
  const lemmaOf = its.lemma as unknown as ItsFunction<string>;
  return texts.map((t, i) => {
    let lemma: string | undefined;
    return {
      text: t,
      pos: pos[i]!,
      get lemma() {
        return (lemma ??= (tokens.itemAt(i).out(lemmaOf) as string).toLowerCase());
      },
    };
  });
}

// Word lists for the scale seeder's text. The skills are the 29 of the
// WizardLM Evol-Instruct test set, spelled as that set spells them.
export const SKILL_TOPICS: Record<string, readonly string[]> = {
  Math: ["compound interest", "prime factorisation", "the Pythagorean theorem", "conditional probability", "linear equations", "geometric series", "modular arithmetic", "matrix multiplication"],
  "Code Generation": ["parsing CSV files", "a rate limiter", "binary search", "an LRU cache", "debouncing user input", "merging sorted lists", "validating e-mail addresses", "a REST client with retries"],
  Writting: ["a cover letter", "a product launch announcement", "a wedding toast", "a short mystery story", "a complaint letter to a landlord", "a travel blog post", "a eulogy for a grandparent", "a newsletter intro"],
  "Computer Science": ["hash tables", "garbage collection", "TCP congestion control", "B-trees", "the CAP theorem", "dynamic programming", "public-key cryptography", "virtual memory"],
  Reasoning: ["a river-crossing puzzle", "scheduling four meetings", "a knights-and-knaves riddle", "seating guests at a dinner", "a missing-number sequence", "the Monty Hall problem", "a family-tree riddle", "sorting coins by weight"],
  "Complex Format": ["a shipping manifest", "a weekly meal plan", "an invoice", "a conference timetable", "a bug report", "a recipe card", "a lab results sheet", "a project budget"],
  "Code Debug": ["an off-by-one loop", "a race condition in a counter", "a null pointer in a linked list", "an infinite recursion", "a wrong SQL join", "a timezone bug", "a mutable default argument", "a leaking file handle"],
  "Common-Sense": ["packing for a camping trip", "why ice floats", "keeping bread fresh", "crossing a busy street", "saving energy at home", "choosing a ripe avocado", "drying wet shoes", "planning a road trip"],
  Counterfactual: ["the printing press", "the Roman Empire", "the invention of the telephone", "the moon landing", "the discovery of penicillin", "the internet", "the steam engine", "the fall of the Berlin Wall"],
  Multilingual: ["greetings", "ordering food in a café", "asking for directions", "a weather forecast", "a birthday message", "a train announcement", "a job advert", "a museum sign"],
  Roleplay: ["a medieval blacksmith", "a ship's captain in a storm", "a tour guide in Kyoto", "a detective at a crime scene", "a barista on a busy morning", "a museum curator", "a mountain rescue volunteer", "a chess coach"],
  Biology: ["photosynthesis", "the immune response", "CRISPR gene editing", "cell division", "the nitrogen cycle", "bird migration", "the human microbiome", "natural selection"],
  Technology: ["5G networks", "solid-state batteries", "large language models", "electric vehicles", "smart home security", "quantum computing", "cloud storage", "3D printing"],
  Ethics: ["self-driving cars", "animal testing", "data privacy", "whistleblowing", "genetic screening", "AI in hiring", "lying to protect a friend", "wealth inequality"],
  TruthfulQA: ["the Great Wall being visible from space", "goldfish memory", "cracking knuckles", "lightning never striking twice", "humans using ten percent of their brains", "bulls hating red", "sugar causing hyperactivity", "shaving making hair thicker"],
  Sport: ["the offside rule", "marathon training", "the history of the Olympics", "tennis scoring", "cricket fielding positions", "the Tour de France", "basketball zone defence", "rock climbing grades"],
  Law: ["tenant rights", "copyright fair use", "the presumption of innocence", "employment contracts", "GDPR consent", "small claims court", "patent law", "jury selection"],
  Medicine: ["type 2 diabetes", "vaccination schedules", "sleep apnoea", "antibiotic resistance", "migraine triggers", "iron deficiency", "blood pressure readings", "concussion recovery"],
  Literature: ["Pride and Prejudice", "One Hundred Years of Solitude", "Hamlet", "Things Fall Apart", "the haiku form", "unreliable narrators", "Don Quixote", "Beloved"],
  Entertainment: ["streaming services", "the history of anime", "video game storytelling", "reality television", "stand-up comedy", "film soundtracks", "board game design", "celebrity podcasts"],
  Art: ["Impressionism", "perspective drawing", "the Bauhaus", "watercolour techniques", "street art", "colour theory", "Frida Kahlo", "Japanese woodblock prints"],
  Music: ["jazz improvisation", "the circle of fifths", "Baroque counterpoint", "hip-hop sampling", "learning the guitar", "film scoring", "K-pop production", "music streaming royalties"],
  Toxicity: ["responding to online harassment", "moderating a heated forum thread", "de-escalating an angry customer", "reporting hate speech", "cyberbullying at school", "toxic gaming lobbies", "trolling in comment sections", "workplace insults"],
  Economy: ["inflation", "supply chains", "minimum wage laws", "central bank interest rates", "the gig economy", "trade tariffs", "housing affordability", "universal basic income"],
  Physics: ["Newton's third law", "black holes", "the photoelectric effect", "entropy", "projectile motion", "superconductivity", "the Doppler effect", "special relativity"],
  History: ["the Silk Road", "the French Revolution", "the Meiji Restoration", "the Black Death", "the Cold War", "the Industrial Revolution", "the Ottoman Empire", "the Apollo program"],
  "Academic Writing": ["a literature review", "an abstract", "a research proposal", "a methods section", "a thesis statement", "peer review responses", "citing sources", "a grant application"],
  Chemistry: ["acid-base titration", "covalent bonding", "the periodic table", "reaction rates", "electrochemical cells", "polymers", "chemical equilibrium", "organic functional groups"],
  Philosophy: ["free will", "the trolley problem", "Stoicism", "Plato's cave", "personal identity", "utilitarianism", "existentialism", "the problem of induction"],
};

export const SKILLS = Object.keys(SKILL_TOPICS);

export const AUDIENCES = ["for a ten-year-old", "for a first-year university student", "for a busy manager", "for someone new to the field", "for a retired engineer", "for a high-school class", "for a non-native English speaker", "for an expert audience", "for a curious teenager", "for a small-business owner"];
export const STYLES = ["in simple terms", "in three bullet points", "in under 150 words", "with one concrete example", "step by step", "in a formal tone", "as a short dialogue", "in a friendly tone", "with a short analogy", "in two paragraphs", "as a numbered list", "with a one-line summary at the end"];
export const LANGUAGES = ["Python", "TypeScript", "Go", "Rust", "Java", "C#", "Ruby", "Kotlin"];
export const HUMAN_LANGUAGES: readonly (readonly [string, string])[] = [
  ["French", "Bonjour, où se trouve la gare ? Je voudrais un café crème, s'il vous plaît."],
  ["German", "Guten Morgen! Könnten Sie mir bitte sagen, wann der nächste Zug nach München fährt?"],
  ["Spanish", "¿Dónde está la biblioteca? Mañana habrá sol y unos veinte grados."],
  ["Japanese", "こんにちは。駅までの道を教えていただけますか？"],
  ["Chinese", "你好！请问今天的天气怎么样？我想去公园散步。"],
  ["Portuguese", "Olá! A reunião foi adiada para sexta-feira às três horas."],
  ["Russian", "Здравствуйте! Скажите, пожалуйста, как пройти к музею?"],
  ["Korean", "안녕하세요. 이 근처에 좋은 식당이 있나요?"],
];

export const GENERIC_TEMPLATES = [
  "Explain {topic} {audience}.",
  "Write a short essay about {topic}, {style}.",
  "What are the {k} strongest arguments for and against {topic}?",
  "Summarise the key ideas behind {topic} {style}.",
  "Give {k} examples that illustrate {topic} and say why each one matters.",
  "Compare {topic} with {other}, {style}.",
  "Describe how our understanding of {topic} has changed since {year}.",
  "Create a short lesson plan about {topic} {audience}.",
  "List {n2} common misconceptions about {topic} and correct each one.",
  "How would you explain {topic} to someone who has never heard of it, in {n2} sentences?",
  "Write a quiz of {n} questions about {topic}, with answers.",
  "What is the single most important thing to know about {topic}? Answer {style}.",
  "Draft an FAQ section about {topic} {audience}.",
  "Identify the strengths and weaknesses of {k} common approaches to {topic}.",
];

export const SKILL_TEMPLATES: Record<string, readonly string[]> = {
  Math: [
    "Solve for x: {a}x + {b} = {c}. Show your working.",
    "A train travels {a}0 km in {b} hours and then {c} km in {n} hours. What is its average speed?",
    "Compute the derivative of f(x) = {a}x³ − {b}x + {c}.",
    "If you roll two fair dice, what is the probability that the sum is {n}?",
    "Explain {topic} and work through one numerical example with {a} and {b}.",
  ],
  "Code Generation": [
    "Write a {lang} function for {topic}, with a short docstring and two unit tests.",
    "Implement {topic} in {lang} without using any third-party library.",
    "Show an idiomatic {lang} solution for {topic} and explain its time complexity.",
  ],
  "Code Debug": ["Find and fix the bug in this code ({topic}).", "The following snippet has {topic}. Explain the bug and give a corrected version."],
  Multilingual: ["Translate the following sentence into {target} and explain any idioms: ", "Write a short text about {topic} in {human}, then give an English translation."],
  Roleplay: ["Pretend you are {topic}. Describe your day {style}.", "You are {topic}. Answer a visitor's question about your work, staying in character."],
  TruthfulQA: ["Is it true that {topic}? Explain what the evidence says.", "Where does the belief about {topic} come from, and is it accurate?"],
  Counterfactual: ["What would the world look like today if {topic} had never existed?", "Imagine {topic} had appeared a century earlier. What would have changed?"],
  "Complex Format": ["Turn the following notes into {topic} formatted as a Markdown table.", "Produce {topic} as valid JSON with sensible field names."],
  Toxicity: ["How should a moderator handle {topic}? Give a calm, concrete plan.", "Write a reply that defuses {topic} without escalating."],
};

// Framing around a template, so 50K seeds are (nearly all) distinct instructions.
export const PREFIXES = [
  "I'm preparing a talk for {stakeholder}.", "Quick question from a {age}-year-old reader.", "My team of {n} keeps arguing about this.",
  "For a newsletter that goes out on {weekday}:", "I have {n} minutes before a meeting.", "Context: I work with {stakeholder}.",
  "Background: I moved to {city} last year.", "This came up in a {n}-person study group.", "For my {ordinal} attempt at this topic:",
  "A colleague from {city} asked me this.",
];
export const SUFFIXES = [
  "Answer {style}.", "Keep it {audience}.", "Use an example from {city}.", "Assume the reader is {age} years old.",
  "Mention {specific}.", "Write it {audience}, {style}.", "Refer to events after {year}.", "Use at most {n}0 words.",
  "Finish with {n2} practical tips.", "Include a short example set in {city} in {year}.", "Aim it at {stakeholder}.",
];
export const CITIES = ["Lyon", "Osaka", "Nairobi", "Lima", "Oslo", "Pune", "Austin", "Kraków", "Montréal", "Reykjavík", "Cape Town", "Hanoi", "Tbilisi", "Porto", "Adelaide", "Medellín"];
export const WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
export const ORDINALS = ["first", "second", "third", "fourth", "fifth"];

export const YEARS = [1848, 1905, 1929, 1945, 1969, 1989, 2001, 2008, 2012, 2020];
export const STAKEHOLDERS = ["small businesses", "rural communities", "students", "hospital staff", "future generations", "local governments", "first-time buyers", "open-source maintainers"];
export const CONDITIONS = ["a tight budget", "a power outage", "a strict deadline", "incomplete data", "a team spread over three time zones", "a sudden change in regulation"];
export const SPECIFICS = [
  "a ten-person bicycle repair shop in Lyon",
  "a first-year nursing student on a night shift",
  "the 2008 financial crisis",
  "a primary school in rural Kenya",
  "a family of four living on €2,400 a month",
  "a volunteer-run library in Osaka",
  "a start-up with 18 months of runway",
  "a 70-year-old learning to use a smartphone",
];
export const GENERIC_PHRASES: readonly (readonly [RegExp, string])[] = [
  [/\bsomeone\b/, "a first-year nursing student"],
  [/\bsomething\b/, "a small bakery's weekly budget"],
  [/\bpeople\b/, "commuters in São Paulo"],
  [/\ba company\b/, "a ten-person bicycle repair shop"],
];

export const SENTENCES = [
  "The core idea of {topic} is easier to see once the moving parts are named one by one.",
  "A useful way to think about {topic} is to start from a concrete case and generalise only afterwards.",
  "Most confusion about {topic} comes from mixing up the goal with the method used to reach it.",
  "In practice, {topic} depends on a handful of factors that interact in predictable ways.",
  "Historically, views on {topic} shifted as better evidence and better tools became available.",
  "One common mistake is to treat {topic} as a single rule, when it is really a family of related ideas.",
  "A simple example makes this clearer: imagine a small team facing {topic} for the first time.",
  "The trade-off is between speed and accuracy, and the right balance depends on the context.",
  "Experts usually recommend checking the assumptions first, because a wrong premise spoils every later step.",
  "It also helps to compare the options side by side rather than judging each in isolation.",
  "The evidence here is strong for the main effect, but weaker for the edge cases.",
  "There are at least three reasons this matters: cost, reliability and fairness.",
  "A second point concerns scale, since what works for ten cases may fail for ten thousand.",
  "Seen from a distance, {topic} follows a clear pattern; up close, the details vary a lot.",
  "When the numbers are small, a rough estimate is usually enough to decide what to do next.",
  "Finally, it is worth noting which parts of the answer are settled and which are still debated.",
  "In short, {topic} rewards patience, careful definitions and a willingness to revise first impressions.",
  "A good test of understanding is whether you can explain {topic} without jargon.",
  "The same reasoning applies, with small changes, to closely related problems.",
  "Readers who want to go further can look at how {topic} is taught in introductory courses.",
];
export const UNICODE_SENTENCES = [
  "As the French say, « c'est la vie » — the details rarely go exactly to plan.",
  "The result is roughly π/4 ≈ 0.785, which is close enough for a first estimate.",
  "Temperatures ranged from −5 °C to 12 °C, so layers are a better choice than one heavy coat.",
  "The café owner in Zürich put it well: “naïve plans survive until the first rainy Monday.”",
  "Checklist: ✓ define the goal, ✓ gather data, ✓ test the result → then repeat.",
];
export const REFUSALS = [
  "I'm sorry, but I can't help with that request.",
  "Sorry, I am not able to answer this question.",
  "I'm sorry — I don't have enough information to respond to this.",
  "Sorry, but this request is outside what I can do.",
];
export const EMPTY_ANSWERS = ["", "...", "—", "?", "It is.", "It is what it is.", "It was what it was."];
// Echoes of the evolving prompt inside the rewrite (a leading preamble would be stripped by the parser).
export const COPIED_ECHOES = [
  " Keep the #Rewritten Prompt# under 50 words.",
  " Answer exactly as the given prompt asks.",
  " (The rewritten prompt must keep the original table.)",
  " Do not repeat the given prompt in your answer.",
];
export const NOTES = [
  "Answer contradicts itself halfway through.",
  "Basically the same as its parent.",
  "The instruction cannot be answered without data we do not have.",
  "Too easy for this round.",
  "Drifted away from the original topic.",
  "Code block does not compile.",
  "Good instruction, weak answer.",
  "Near-duplicate of another node in this tree.",
];

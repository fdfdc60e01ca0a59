//! Deterministic word material for generated worlds: fan names and usernames, DM lines
//! and tip messages, all drawn from a seeded RNG.

use rand::Rng;
use rand::rngs::StdRng;
use rand::seq::SliceRandom;

const FIRST: [&str; 48] = [
    "alex", "sam", "jordan", "taylor", "casey", "riley", "morgan", "jamie", "drew", "avery",
    "quinn", "parker", "reese", "rowan", "sage", "blake", "cameron", "dakota", "emerson", "finley",
    "harper", "hayden", "jesse", "kai", "logan", "marley", "noel", "oakley", "peyton", "remy",
    "skyler", "tatum", "wren", "ari", "bo", "chris", "dani", "eli", "frankie", "gray", "hollis",
    "indy", "jules", "kit", "lane", "milo", "nico", "ollie",
];

const LAST: [&str; 40] = [
    "smith", "jones", "brown", "miller", "davis", "garcia", "wilson", "moore", "taylor", "thomas",
    "white", "harris", "martin", "clark", "lewis", "walker", "young", "king", "wright", "hill",
    "green", "adams", "baker", "nelson", "carter", "mitchell", "roberts", "turner", "phillips",
    "campbell", "parker", "evans", "edwards", "collins", "stewart", "morris", "rogers", "reed",
    "cook", "bell",
];

const ADJECTIVES: [&str; 24] = [
    "happy", "lucky", "sunny", "quiet", "wild", "cosmic", "silver", "golden", "midnight", "velvet",
    "crimson", "frosty", "brave", "swift", "gentle", "mellow", "neon", "rusty", "salty", "sleepy",
    "spicy", "tiny", "urban", "witty",
];

const NOUNS: [&str; 24] = [
    "fox", "owl", "tiger", "panda", "otter", "raven", "wolf", "koala", "falcon", "lynx", "badger",
    "comet", "river", "maple", "pixel", "rocket", "storm", "tulip", "voyager", "walrus", "yeti",
    "zebra", "bison", "heron",
];

const FAN_LINES: [&str; 24] = [
    "hey! just subscribed 😊",
    "love your new set 😍",
    "how are you today?",
    "any new content coming this week?",
    "you looked amazing in the last post",
    "good morning ☀️",
    "do you take custom requests?",
    "haha that's so funny",
    "can't wait for the next drop",
    "what's your favourite colour?",
    "just wanted to say hi",
    "thanks for the reply!",
    "that video was incredible",
    "are you doing a live stream soon?",
    "I shared your page with a friend",
    "have a great weekend!",
    "where was that photo taken?",
    "you're my favourite creator",
    "sorry for the late reply, busy day",
    "that outfit 🔥",
    "what are you up to tonight?",
    "happy friday!",
    "will you post more behind the scenes?",
    "goodnight 🌙",
];

const CREATOR_LINES: [&str; 24] = [
    "thank you so much 💕",
    "hey you! how's your day going?",
    "new post going up tonight 😉",
    "aww that's sweet of you",
    "yes! custom requests are open",
    "I'm glad you liked it",
    "good morning babe ☀️",
    "check your messages later, I have something for you",
    "haha you're the best",
    "I'm planning a live stream on saturday",
    "thanks for being here ❤️",
    "working on a new set right now",
    "it was taken at the beach last week",
    "have a lovely evening",
    "you always make me smile",
    "stay tuned for the weekend drop",
    "blue, obviously 💙",
    "I read every message, promise",
    "more behind the scenes coming soon",
    "thank you for the support!",
    "sleep well 🌙",
    "happy friday to you too!",
    "what would you like to see next?",
    "hope your week is going great",
];

const TIP_LINES: [&str; 10] = [
    "for you ❤️",
    "keep it up!",
    "coffee's on me ☕",
    "loved the last post",
    "a little thank you",
    "you deserve it",
    "",
    "treat yourself",
    "happy birthday!",
    "for the amazing content",
];

/// A fan's display name and a username in one of three styles (lowercase, may collide:
/// the caller makes it unique).
pub(super) fn fan_names(rng: &mut StdRng) -> (String, String) {
    let first = *FIRST.choose(rng).unwrap_or(&"fan");
    let last = *LAST.choose(rng).unwrap_or(&"fan");
    let display = format!("{} {}", capitalize(first), capitalize(last));
    let username = match rng.gen_range(0..3) {
        0 => format!("{first}{last}{}", rng.gen_range(1..100)),
        1 => format!(
            "{}_{}{}",
            ADJECTIVES.choose(rng).unwrap_or(&"fan"),
            NOUNS.choose(rng).unwrap_or(&"fan"),
            rng.gen_range(1..1000)
        ),
        _ => format!("{first}.{last}"),
    };
    (display, username)
}

fn capitalize(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map(|c| c.to_ascii_uppercase().to_string() + chars.as_str())
        .unwrap_or_default()
}

/// A DM line from a fan (`from_fan`) or from the creator.
pub(super) fn dm_line(rng: &mut StdRng, from_fan: bool) -> &'static str {
    let lines: &[&str] = if from_fan { &FAN_LINES } else { &CREATOR_LINES };
    lines.choose(rng).copied().unwrap_or("hi")
}

pub(super) fn tip_line(rng: &mut StdRng) -> &'static str {
    TIP_LINES.choose(rng).copied().unwrap_or("")
}

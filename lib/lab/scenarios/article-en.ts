import type { Scenario } from "./types";

/**
 * The same eight scenarios in English, translated row by row from ARTICLE_SCENARIOS_ZH so that English models
 * (all-MiniLM-L6-v2, bge-small-en-v1.5) run the article's experiment on text they were trained on.
 */
export const ARTICLE_SCENARIOS_EN: readonly Scenario[] = [
  {
    name: "1. Synonym substitution",
    query: "I'm hungry",
    strong: "My stomach is growling",
    weak: "I just finished eating",
    unrelated: "The sky is blue",
  },
  {
    name: "2. Hypernym",
    query: "Huskies are cute",
    strong: "Canines are lovable",
    weak: "Felines are elegant",
    unrelated: "Cars need fuel",
  },
  {
    name: "3. Cause and effect",
    query: "It's raining",
    strong: "The ground has become slippery",
    weak: "The weather forecast was wrong",
    unrelated: "Caffeine keeps people awake",
  },
  {
    name: "4. Metaphor",
    query: "He is a lion",
    strong: "He is very brave",
    weak: "He likes to eat meat",
    unrelated: "There are tigers at the zoo",
  },
  {
    name: "5. Number generalization",
    query: "Bought three books",
    strong: "Purchased a batch of reading material",
    weak: "Spent one hundred yuan",
    unrelated: "A vase stands on the bookshelf",
  },
  {
    name: "6. Negation",
    query: "This plan is not feasible",
    strong: "This approach has major flaws",
    weak: "This plan is perfect",
    unrelated: "Sunny weather, good for an outing",
  },
  {
    name: "7. Implied time",
    query: "The child has started primary school",
    strong: "He is about six years old",
    weak: "The baby is still drinking milk",
    unrelated: "The company rang the bell at its IPO",
  },
  {
    name: "8. Domain transfer",
    query: "The model is overfitting",
    strong: "High accuracy on the training set but poor on the test set",
    weak: "Learning is too slow",
    unrelated: "The server is out of memory",
  },
];

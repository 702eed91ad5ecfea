/**
 * The article's eight scenarios (section 4): each a query with a strongly related, a weakly related and an
 * unrelated candidate. The radar preloads the 24 candidates as its example knowledge base, in Chinese as the
 * article wrote them and in English, so a first visit shows results at once. The article's "strong / weak /
 * unrelated" labels are its hypotheses; the radar shows what a real model makes of them.
 */
export interface Scenario {
  name: string;
  query: string;
  strong: string;
  weak: string;
  unrelated: string;
}

export type ExampleLanguage = "zh" | "en";

export const SCENARIOS: Record<ExampleLanguage, Scenario[]> = {
  zh: [
    { name: "同义替换", query: "我饿了", strong: "肚子咕咕叫", weak: "我刚吃完饭", unrelated: "天空是蓝色的" },
    { name: "上位概念", query: "哈士奇很可爱", strong: "犬类动物讨人喜欢", weak: "猫科动物很优雅", unrelated: "汽车需要加油" },
    { name: "因果关系", query: "下雨了", strong: "地面变得湿滑", weak: "天气预报不准", unrelated: "咖啡因让人清醒" },
    { name: "隐喻表达", query: "他是一头狮子", strong: "他非常勇敢", weak: "他喜欢吃肉", unrelated: "动物园里有老虎" },
    { name: "数字泛化", query: "买了三本书", strong: "购入一批读物", weak: "花了一百元", unrelated: "书架上摆着花瓶" },
    { name: "否定语义", query: "这个方案不可行", strong: "该方法存在重大缺陷", weak: "这个方案很完美", unrelated: "阳光明媚适合出游" },
    { name: "时间隐含", query: "孩子上小学了", strong: "他已经六岁左右", weak: "婴儿还在喝奶", unrelated: "公司上市敲钟" },
    { name: "领域迁移", query: "模型过拟合了", strong: "训练集准确率高但测试集差", weak: "学习速度太慢", unrelated: "服务器内存不足" },
  ],
  en: [
    { name: "Synonyms", query: "I'm hungry", strong: "My stomach is growling", weak: "I just finished eating", unrelated: "The sky is blue" },
    { name: "Hypernym", query: "Huskies are adorable", strong: "Dogs are lovable animals", weak: "Cats are elegant", unrelated: "Cars need fuel" },
    { name: "Cause and effect", query: "It's raining", strong: "The ground is getting slippery", weak: "The weather forecast was wrong", unrelated: "Caffeine keeps people awake" },
    { name: "Metaphor", query: "He is a lion", strong: "He is very brave", weak: "He likes to eat meat", unrelated: "There are tigers at the zoo" },
    { name: "Numbers generalized", query: "I bought three books", strong: "I purchased some reading material", weak: "I spent a hundred yuan", unrelated: "A vase stands on the bookshelf" },
    { name: "Negation", query: "This plan is not feasible", strong: "The approach has serious flaws", weak: "This plan is perfect", unrelated: "Sunny weather is perfect for an outing" },
    { name: "Implied time", query: "The child has started primary school", strong: "He is about six years old", weak: "The baby still drinks milk", unrelated: "The company rang the bell at its IPO" },
    { name: "Domain transfer", query: "The model is overfitting", strong: "High accuracy on the training set but poor on the test set", weak: "Learning is too slow", unrelated: "The server is out of memory" },
  ],
};

/** The example knowledge base: every scenario's three candidates, one per line. */
export function exampleKbText(language: ExampleLanguage): string {
  return SCENARIOS[language].flatMap((s) => [s.strong, s.weak, s.unrelated]).join("\n");
}

/** The example query a first visit searches for at once. */
export function exampleQuery(language: ExampleLanguage): string {
  return SCENARIOS[language][DEFAULT_SCENARIO].query;
}

const DEFAULT_SCENARIO = 7;

/** Chinese examples for a model that reads Chinese (and not English), English otherwise. */
export function exampleLanguageFor(languages: readonly string[]): ExampleLanguage {
  return languages.includes("zh") && !languages.includes("en") ? "zh" : "en";
}

/** True when `text` is one of the example knowledge bases, untouched (safe to swap for the other language). */
export function isExampleKb(text: string): boolean {
  return (Object.keys(SCENARIOS) as ExampleLanguage[]).some((language) => exampleKbText(language) === text);
}

export function isExampleQuery(text: string): boolean {
  return Object.values(SCENARIOS).some((scenarios) => scenarios.some((s) => s.query === text));
}

import type { Scenario } from "./types";

/**
 * The article's eight scenarios (section 4, the first table), exactly as written: the article's 「“…”」 quotes
 * are table formatting and are not part of the texts. scenarios.test.ts checks them against article-tables.txt.
 */
export const ARTICLE_SCENARIOS_ZH: readonly Scenario[] = [
  { name: "1. 同义替换", query: "我饿了", strong: "肚子咕咕叫", weak: "我刚吃完饭", unrelated: "天空是蓝色的" },
  { name: "2. 上位概念", query: "哈士奇很可爱", strong: "犬类动物讨人喜欢", weak: "猫科动物很优雅", unrelated: "汽车需要加油" },
  { name: "3. 因果关系", query: "下雨了", strong: "地面变得湿滑", weak: "天气预报不准", unrelated: "咖啡因让人清醒" },
  { name: "4. 隐喻表达", query: "他是一头狮子", strong: "他非常勇敢", weak: "他喜欢吃肉", unrelated: "动物园里有老虎" },
  { name: "5. 数字泛化", query: "买了三本书", strong: "购入一批读物", weak: "花了一百元", unrelated: "书架上摆着花瓶" },
  {
    name: "6. 否定语义",
    query: "这个方案不可行",
    strong: "该方法存在重大缺陷",
    weak: "这个方案很完美",
    unrelated: "阳光明媚适合出游",
  },
  { name: "7. 时间隐含", query: "孩子上小学了", strong: "他已经六岁左右", weak: "婴儿还在喝奶", unrelated: "公司上市敲钟" },
  {
    name: "8. 领域迁移",
    query: "模型过拟合了",
    strong: "训练集准确率高但测试集差",
    weak: "学习速度太慢",
    unrelated: "服务器内存不足",
  },
];

import type { Lang } from './locales';

/**
 * Every UI string of the site, both languages side by side. The `en` table fixes
 * the keys; `zh` must have exactly the same ones (checked by the type).
 */
const en = {
  siteName: 'Gradient Clinic',
  siteTagline: 'Vanishing and exploding gradients, and every remedy — with networks that train in your browser.',
  skipToContent: 'Skip to content',
  chapters: 'Chapters',
  chapterNumber: 'Chapter {n}',
  onThisPage: 'On this page',
  previous: 'Previous',
  next: 'Next',
  languageSwitch: '简体中文',
  languageSwitchShort: '中文',
  languageSwitchLabel: 'Read this page in Chinese',
  themeToggle: 'Toggle dark mode',
  search: 'Search',
  searchPlaceholder: 'Search the chapters',
  closeSearch: 'Close search',
  editPage: 'Edit this page',
  references: 'References',
  updated: 'Updated',
  home: 'Home',
  start: 'Start reading',
  notFoundTitle: 'Page not found',
  notFoundBody: 'There is nothing at this address. It may have moved; the chapters are listed below.',
  equation: 'Equation',
  asideNote: 'Note',
  asideCorrection: 'A correction',
  asideWarning: 'Caution',
  sectionLink: 'Link to this section',
  citeThis: 'Cite this chapter',
  citeText: 'Citation',
  embedSource: 'From the chapter “{chapter}” of {site}',
  glossary: 'Glossary',
  glossaryDescription: 'The terms the chapters use, in English and Chinese: each with a one-line definition, its other names and the chapter that explains it.',
  glossaryIntro: 'Grouped by the chapter that explains them. In the chapters, the first use of each term links here; hover over it or reach it with the keyboard to read its definition in place.',
  glossaryAliases: 'Also called:',
  glossaryNotUsed: 'Not written here:',
  glossaryExplainedIn: 'Explained in “{chapter}”',
  doctor: 'Gradient doctor: diagnose your log',
} as const;

type UiKey = keyof typeof en;
type UiTable = Record<UiKey, string>;

const zh: UiTable = {
  siteName: '梯度诊所',
  siteTagline: '梯度消失、梯度爆炸和各种对策——网络就在你的浏览器里训练。',
  skipToContent: '跳到正文',
  chapters: '章节',
  chapterNumber: '第 {n} 章',
  onThisPage: '本页目录',
  previous: '上一章',
  next: '下一章',
  languageSwitch: 'English',
  languageSwitchShort: 'EN',
  languageSwitchLabel: '阅读本页的英文版',
  themeToggle: '切换深色模式',
  search: '搜索',
  searchPlaceholder: '搜索各章内容',
  closeSearch: '关闭搜索',
  editPage: '编辑本页',
  references: '参考文献',
  updated: '更新于',
  home: '首页',
  start: '开始阅读',
  notFoundTitle: '页面不存在',
  notFoundBody: '这个地址下没有内容，页面可能已经移动。下面是全部章节。',
  equation: '公式',
  asideNote: '注',
  asideCorrection: '更正',
  asideWarning: '注意',
  sectionLink: '本节链接',
  citeThis: '引用本章',
  citeText: '引用格式',
  embedSource: '出自{site}的“{chapter}”一章',
  glossary: '术语表',
  glossaryDescription: '各章使用的术语，中英对照：每条有一句话定义、其他常见叫法，以及讲解它的章节。',
  glossaryIntro: '按讲解它们的章节分组。正文中每个术语第一次出现时都链接到这里；把鼠标指向它，或用键盘把焦点移到它上面，即可就地看到定义。',
  glossaryAliases: '又称：',
  glossaryNotUsed: '本站不用：',
  glossaryExplainedIn: '详见“{chapter}”一章',
  doctor: '梯度问诊：诊断你的日志',
};

export const ui: Record<Lang, UiTable> = { en, zh };

export function t(lang: Lang) {
  return ui[lang];
}

/** Fills `{name}` slots: format('第 {n} 章', { n: 3 }). */
export function format(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (_, key: string) => String(values[key] ?? `{${key}}`));
}

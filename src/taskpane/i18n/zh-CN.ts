import type { Catalog } from "./en-US";

/** 简体中文界面字符串。 */
export const zhCN: Catalog = {
  "app.title": "销售规划",
  "app.language": "语言",
  "app.view.v2mom": "V2MOM",
  "app.view.territories": "区域与配额",
  "app.host.excel": "正在此 Excel 工作簿中工作。",
  "app.host.outside": "此处没有 Excel：窗格改为在工作簿文件上工作。",
  "v2mom.intro":
    "愿景、价值观、方法、障碍、衡量指标：编写您的 V2MOM，与上一级对齐，并保存在此工作簿中。",
  "territories.intro":
    "按区域、行业和规模将客户分配给销售代表，平衡各区域，并把目标拆分为精确对账的配额。",
  "plan.loading": "正在读取规划…",
  "plan.loadError": "无法读取规划：{reason}",
  "plan.notLoaded": "尚未读取规划；请稍候再保存。",
  "plan.problems": "规划表中有 {count} 个问题",
  "plan.row": "第 {row} 行",
  "workbench.toolbar": "工作簿文件",
  "workbench.open": "打开工作簿…",
  "workbench.new": "新建空白规划",
  "workbench.newName": "销售规划.xlsx",
  "workbench.download": "下载工作簿",
  "workbench.file":
    "此处没有 Excel，窗格改为处理 {name}。文件只保存在此浏览器中：请下载以保留更改。",
  "workbench.badFile":
    "无法将 {name} 作为 Excel 工作簿 (.xlsx) 打开：{reason}。已打开的规划保持不变。",
  "functions.heading": "工作表函数",
  "functions.hint": "在单元格中输入 =PLAN. 查看全部函数。",
};

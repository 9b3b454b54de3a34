import type { MachineKind } from '../../../../twin/schema/layout.js';
import type { MachineSignal } from '../../../../twin/signals.js';
import type { Catalogue } from './catalogue.js';

/**
 * Names the plant sends as identifiers: machine kinds and the signal names the twin understands. The compiler
 * checks that every kind and every signal has its label (and nothing else is here).
 */
const en = {
  'kind.cnc-lathe': 'CNC lathe',
  'kind.machining-centre': 'Machining centre',
  'kind.grinder': 'Grinder',
  'kind.drill': 'Drill',
  'kind.press': 'Press',
  'kind.saw': 'Saw',
  'kind.welding-cell': 'Welding cell',
  'kind.robot-cell': 'Robot cell',
  'kind.heat-treatment-oven': 'Heat-treatment oven',
  'kind.washer': 'Washer',
  'kind.paint-booth': 'Paint booth',
  'kind.cmm': 'CMM',
  'kind.test-stand': 'Test stand',
  'kind.assembly-cell': 'Assembly cell',
  'kind.assembly-station': 'Assembly station',
  'kind.packing': 'Packing',
  'kind.generic': 'Generic machine',
  'signal.state': 'State',
  'signal.itemState': 'Machinery item state',
  'signal.operationMode': 'Operation mode',
  'signal.order': 'Order',
  'signal.operation': 'Operation',
  'signal.partCount': 'Good parts',
  'signal.scrapCount': 'Scrapped parts',
  'signal.spindleLoad': 'Spindle load',
  'signal.temperature': 'Temperature',
  'signal.power': 'Power',
} as const satisfies Record<`kind.${MachineKind}` | `signal.${MachineSignal}`, string>;

const zh: Catalogue<typeof en> = {
  'kind.cnc-lathe': '数控车床',
  'kind.machining-centre': '加工中心',
  'kind.grinder': '磨床',
  'kind.drill': '钻床',
  'kind.press': '压力机',
  'kind.saw': '锯床',
  'kind.welding-cell': '焊接单元',
  'kind.robot-cell': '机器人单元',
  'kind.heat-treatment-oven': '热处理炉',
  'kind.washer': '清洗机',
  'kind.paint-booth': '喷漆房',
  'kind.cmm': '三坐标测量机',
  'kind.test-stand': '试验台',
  'kind.assembly-cell': '装配单元',
  'kind.assembly-station': '装配工位',
  'kind.packing': '包装',
  'kind.generic': '通用设备',
  'signal.state': '状态',
  'signal.itemState': '设备项状态',
  'signal.operationMode': '运行模式',
  'signal.order': '订单',
  'signal.operation': '工序',
  'signal.partCount': '合格件数',
  'signal.scrapCount': '废品数',
  'signal.spindleLoad': '主轴负载',
  'signal.temperature': '温度',
  'signal.power': '功率',
};

export const names = { en, zh };

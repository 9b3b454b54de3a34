import type { Catalogue } from './catalogue.js';

/** Strings of the scene (English and Simplified Chinese). */
const en = {
  'scene.aria': '3D view of the shop floor',
  'scene.camera.title': 'Camera',
  'scene.camera.all': 'Whole plant',
  'scene.camera.preset': 'Look at {line}',
  'scene.label.order': 'Order {order}',
  'scene.label.noOrder': 'No order',
  'scene.label.alarm': 'Alarm: {message}',
  'scene.bench': 'Benchmark: {machines} machines, {wip} WIP items (synthetic plant)',
} as const;

const zh: Catalogue<typeof en> = {
  'scene.aria': '车间三维视图',
  'scene.camera.title': '视角',
  'scene.camera.all': '全厂',
  'scene.camera.preset': '查看 {line}',
  'scene.label.order': '订单 {order}',
  'scene.label.noOrder': '无订单',
  'scene.label.alarm': '报警：{message}',
  'scene.bench': '基准测试：{machines} 台设备，{wip} 件在制品（合成工厂）',
};

export const scene = { en, zh };

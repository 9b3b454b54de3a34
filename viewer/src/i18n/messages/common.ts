import type { Catalogue } from './catalogue.js';

/** Strings of the page frame: header, connection, palette and language switch, states. */
const en = {
  'app.title': 'Shop-floor twin',
  'app.connection.connecting': 'Connecting…',
  'app.connection.open': 'Live',
  'app.connection.closed': 'Reconnecting…',
  'app.connection.unauthorized': 'Not signed in: open the URL that `npm start` prints (it carries a token).',
  'app.palette': 'Colours',
  'app.palette.colour': 'State colours',
  'app.palette.isa101': 'ISA-101 grey',
  'app.language': 'Language',
  'app.role': 'Role: {role}',
  'app.loading': 'Loading the plant…',
  'state.running': 'Running',
  'state.idle': 'Idle',
  'state.starved': 'Starved',
  'state.blocked': 'Blocked',
  'state.setup': 'Setup',
  'state.down': 'Down',
  'state.maintenance': 'Maintenance',
  'state.off': 'Off',
  'common.close': 'Close',
  'common.none': '—',
  'common.error': 'Error: {message}',
} as const;

const zh: Catalogue<typeof en> = {
  'app.title': '车间数字孪生',
  'app.connection.connecting': '连接中…',
  'app.connection.open': '实时',
  'app.connection.closed': '正在重新连接…',
  'app.connection.unauthorized': '未登录：请打开 `npm start` 打印的网址（其中带有令牌）。',
  'app.palette': '配色',
  'app.palette.colour': '状态配色',
  'app.palette.isa101': 'ISA-101 灰色',
  'app.language': '语言',
  'app.role': '角色：{role}',
  'app.loading': '正在加载工厂…',
  'state.running': '运行',
  'state.idle': '空闲',
  'state.starved': '待料',
  'state.blocked': '堵塞',
  'state.setup': '换型',
  'state.down': '故障',
  'state.maintenance': '维护',
  'state.off': '关机',
  'common.close': '关闭',
  'common.none': '—',
  'common.error': '错误：{message}',
};

export const common = { en, zh };

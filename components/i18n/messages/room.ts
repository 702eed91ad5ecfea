/** Joining a room: its address and QR code. */
import { bilingual } from "../define";

export const room = bilingual({
  en: {
    joinTitle: "Join this room",
    joinHelp: "Participants on the same network open this address, or scan the code:",
    qrLabel: (address: string) => `QR code of ${address}`,
    localOnly: "Only this machine can open the radar: start it with HOST=0.0.0.0 npm start to share it with a room.",
    showQr: "Show the QR code",
    hideQr: "Hide the QR code",
  },
  zh: {
    joinTitle: "加入这个教室",
    joinHelp: "同一网络中的参与者打开这个地址，或扫描二维码：",
    qrLabel: (address) => `${address} 的二维码`,
    localOnly: "只有这台机器能打开雷达：用 HOST=0.0.0.0 npm start 启动，才能与教室共享。",
    showQr: "显示二维码",
    hideQr: "隐藏二维码",
  },
});

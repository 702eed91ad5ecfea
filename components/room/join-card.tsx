"use client";

import { QRCodeSVG } from "qrcode.react";
import { useId, useState } from "react";
import type { RoomInfo } from "@/lib/api/contract/room";
import { useI18n } from "../i18n/use-messages";

/**
 * How participants join: the room's address in large type and its QR code (qrcode.react), shown when the server
 * listens beyond this machine; otherwise one line on how to share it.
 */
export function JoinCard({ room }: { room: RoomInfo }) {
  const { t } = useI18n();
  const [showQr, setShowQr] = useState(true);
  const qrId = useId();
  const [address, ...others] = room.addresses;
  if (!address) {
    return (
      <p data-testid="room-local-only" className="hidden text-xs text-slate-600 lg:block">
        {t.room.localOnly}
      </p>
    );
  }
  return (
    <section data-testid="join-card" aria-labelledby={`${qrId}-title`} className="flex flex-col gap-2 rounded-lg border border-slate-200 bg-white p-3 text-sm">
      <h2 id={`${qrId}-title`} className="font-semibold text-slate-700">{t.room.joinTitle}</h2>
      <p className="text-xs text-slate-600">{t.room.joinHelp}</p>
      <p data-testid="room-address" className="break-all font-mono text-lg font-semibold">{address}</p>
      {others.length ? (
        <ul className="break-all font-mono text-xs text-slate-600">
          {others.map((other) => <li key={other}>{other}</li>)}
        </ul>
      ) : null}
      <button
        type="button"
        data-testid="room-qr-toggle"
        aria-expanded={showQr}
        aria-controls={qrId}
        onClick={() => setShowQr((shown) => !shown)}
        className="self-start rounded border border-slate-300 px-2 py-0.5 hover:bg-slate-100"
      >
        {showQr ? t.room.hideQr : t.room.showQr}
      </button>
      <div id={qrId} hidden={!showQr}>
        {/* Dark on white whatever the theme: a phone's camera reads it best that way. */}
        <QRCodeSVG value={address} size={224} marginSize={2} bgColor="#ffffff" fgColor="#000000" role="img" aria-label={t.room.qrLabel(address)} data-testid="room-qr" data-value={address} className="h-auto w-full max-w-56" />
      </div>
    </section>
  );
}

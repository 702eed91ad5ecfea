"use client";

import { useId, useState } from "react";
import type { RoomKb } from "@/lib/api/contract";
import { useI18n } from "../i18n/use-messages";
import { JoinCard } from "./join-card";
import { useRoomInfo } from "./use-room-info";
import { useTeacherRoom, type TeacherRoom as Room } from "./use-teacher-room";

/**
 * The teacher's page (/room): the join card, then, with the teacher key, every knowledge base on the server, each
 * published to every participant's library or removed from the server (every library with it).
 */
export function TeacherRoom() {
  const { t } = useI18n();
  const room = useTeacherRoom();
  const info = useRoomInfo();
  return (
    <main id="main" tabIndex={-1} className="mx-auto flex max-w-3xl flex-col gap-4 p-4 sm:p-6">
      <h1 className="text-2xl font-bold">{t.room.teacherTitle}</h1>
      <JoinCard room={info} />
      {room.key ? <RoomKbs room={room} /> : <KeyForm room={room} />}
      {room.error ? (
        <p role="alert" data-testid="room-error" className="text-sm text-red-800">
          {room.error}
        </p>
      ) : null}
    </main>
  );
}

function KeyForm({ room }: { room: Room }) {
  const { t } = useI18n();
  const [key, setKey] = useState("");
  const id = useId();
  return (
    <form
      className="flex flex-col gap-2 rounded-lg border border-slate-200 bg-white p-3"
      onSubmit={(event) => {
        event.preventDefault();
        if (key.trim()) void room.enter(key.trim());
      }}
    >
      <label htmlFor={id} className="font-semibold">{t.room.teacherKey}</label>
      <p className="text-sm text-slate-600">{t.room.teacherHelp}</p>
      <div className="flex flex-wrap gap-2">
        <input id={id} type="password" autoComplete="off" data-testid="teacher-key" className="min-w-0 flex-1 rounded border border-slate-300 px-2 py-1 font-mono" value={key} onChange={(event) => setKey(event.target.value)} />
        <button type="submit" className="rounded bg-slate-900 px-3 py-1 font-medium text-white">{t.room.openRoom}</button>
      </div>
    </form>
  );
}

function RoomKbs({ room }: { room: Room }) {
  const { t } = useI18n();
  return (
    <section aria-labelledby="room-kbs" className="flex flex-col gap-2" data-testid="room-kbs">
      <div className="flex flex-wrap items-center gap-2">
        <h2 id="room-kbs" className="flex-1 text-lg font-semibold">{t.room.roomKbs}</h2>
        <button type="button" className="rounded border border-slate-300 px-2 py-0.5 text-sm hover:bg-slate-100" onClick={room.forget}>{t.room.forgetKey}</button>
      </div>
      {room.kbs === null ? <p className="text-sm text-slate-600">{t.common.loading}</p> : null}
      {room.kbs?.length === 0 ? <p className="text-sm text-slate-600">{t.room.roomNone}</p> : null}
      <ul className="flex flex-col gap-2">
        {room.kbs?.map((kb) => <RoomKbItem key={kb.id} kb={kb} room={room} />)}
      </ul>
    </section>
  );
}

function RoomKbItem({ kb, room }: { kb: RoomKb; room: Room }) {
  const { t, n } = useI18n();
  const [confirming, setConfirming] = useState(false);
  const button = "rounded border border-slate-300 px-2 py-0.5 text-sm hover:bg-slate-100";
  return (
    <li className="rounded border border-slate-200 bg-white p-2" data-testid="room-kb" data-kb-id={kb.id}>
      <p className="break-words font-medium">{kb.name}</p>
      <p className="text-xs text-slate-600">{t.room.roomDetails(n(kb.count), kb.model, n(kb.libraries))}</p>
      {kb.published ? <p className="text-xs font-medium text-emerald-800">{t.room.publishedBadge}</p> : null}
      <div className="mt-1 flex flex-wrap gap-1">
        {kb.published ? (
          <button type="button" className={button} aria-label={t.room.unpublishLabel(kb.name)} onClick={() => void room.publish(kb.id, false)}>{t.room.unpublish}</button>
        ) : (
          <button type="button" className={button} aria-label={t.room.publishLabel(kb.name)} onClick={() => void room.publish(kb.id, true)}>{t.room.publish}</button>
        )}
        {confirming ? (
          <>
            <button type="button" className={`${button} border-red-400 text-red-800`} aria-label={t.room.confirmRemoveAny(kb.name)} onClick={() => void room.remove(kb.id)}>{t.room.confirmRemoveAny(kb.name)}</button>
            <button type="button" className={button} onClick={() => setConfirming(false)}>{t.room.keep}</button>
          </>
        ) : (
          <button type="button" className={button} aria-label={t.room.removeAnyLabel(kb.name)} onClick={() => setConfirming(true)}>{t.room.removeAny}</button>
        )}
      </div>
    </li>
  );
}

import type { Metadata } from "next";
import { TeacherRoom } from "@/components/room/teacher-room";

export const metadata: Metadata = {
  title: "Room · Semantic Radar",
  description: "For the teacher: every knowledge base on this server, published to everyone or removed.",
};

export default function Page() {
  return <TeacherRoom />;
}

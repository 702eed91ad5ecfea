import { RadarLoader } from "@/components/radar/radar-loader";

export default function RadarPage() {
  return <RadarLoader />;
}

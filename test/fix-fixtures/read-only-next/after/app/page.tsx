"use client";
import { Views } from "../components/views";
import { sharedRedis } from "../components/shared-redis";

export default function Page() {
  void sharedRedis;
  return <Views slug="home" />;
}

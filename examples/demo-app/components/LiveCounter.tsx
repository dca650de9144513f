"use client";
import { useEffect, useState } from "react";
import { browserRedis } from "@/lib/browser-redis";

export function LiveCounter() {
  const [views, setViews] = useState<number | null>(null);
  useEffect(() => {
    browserRedis.get<number>("views").then(setViews);
  }, []);
  return <span>{views ?? "…"} views</span>;
}

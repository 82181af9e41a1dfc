import Link from "next/link";
import { notFound } from "next/navigation";
import { PersonLink } from "@/components/person-link";
import { Badge } from "@/components/ui/badge";
import { Card, PageTitle } from "@/components/ui/card";
import { requireArea } from "@/lib/authz/require-area";
import { can } from "@/lib/authz/permissions";
import { getDb } from "@/lib/db/client";
import { getPerson, type PersonRef } from "@/lib/directory/queries";
import { shanghaiDay } from "@/lib/time";
import { getTranslations } from "next-intl/server";
import { maskEmail, maskMobile } from "@/lib/privacy";
import { pathSegment } from "@/lib/url-state";
import { pageTitle } from "@/lib/i18n/metadata";

export const dynamic = "force-dynamic";
export const generateMetadata = pageTitle("person.title");

/** A manager or report: their name linking to their page, and their title. */
function PersonWithTitle({ p }: { p: PersonRef }) {
  return (
    <>
      <PersonLink userId={p.userId} name={p.name} />
      {p.title ? <span className="text-xs text-slate-400"> · {p.title}</span> : null}
    </>
  );
}

export default async function PersonPage({ params }: { params: Promise<{ userId: string }> }) {
  const actor = await requireArea("directory");
  const t = await getTranslations();
  const userId = pathSegment((await params).userId);
  const detail = userId === null ? null : await getPerson(getDb(), userId);
  if (!detail) notFound();
  const { person, departments, managerChain, directReports } = detail;
  const contacts = can(actor.roles, "people.contact.read");
  const fields: [string, React.ReactNode, string?][] = [
    ["userId", person.userId],
    [t("person.unionId"), person.unionId ?? "—"],
    [t("col.title"), person.title ?? "—"],
    [t("col.jobNumber"), person.jobNumber ?? "—"],
    [t("col.mobile"), (contacts ? person.mobile : maskMobile(person.mobile)) || "—", "person-mobile"],
    [t("person.email"), (contacts ? person.email : maskEmail(person.email)) || "—", "person-email"],
    [t("person.hiredAt"), person.hiredAt ? shanghaiDay(person.hiredAt) : "—"],
  ];

  return (
    <>
      <PageTitle sub={person.pinyin}>
        <span data-testid="person-name">{person.name}</span>{" "}
        <span className="inline-flex gap-1 align-middle">
          {person.active ? <Badge tone="green">{t("status.active")}</Badge> : <Badge>{t("status.inactive")}</Badge>}
          {person.admin ? <Badge tone="blue">{t("dir.admin")}</Badge> : null}
          {person.isManager ? <Badge tone="amber">{t("dir.manager")}</Badge> : null}
          {person.leftAt ? <Badge tone="red">{t("person.left")}</Badge> : null}
        </span>
      </PageTitle>
      <div className="grid gap-6 lg:grid-cols-2">
        <Card title={t("person.fields")}>
          <dl className="grid grid-cols-[8rem_1fr] gap-y-2 text-sm">
            {fields.map(([label, value, testId]) => (
              <div key={label} className="contents">
                <dt className="text-slate-500">{label}</dt>
                <dd className="break-all" data-testid={testId}>
                  {value}
                </dd>
              </div>
            ))}
          </dl>
        </Card>
        <Card title={t("person.departments")}>
          <ul className="flex flex-col gap-2 text-sm" data-testid="person-departments">
            {departments.map((d) => (
              <li key={d.deptId}>
                {d.path.map((p, i) => (
                  <span key={p.deptId}>
                    {i > 0 ? <span className="px-1 text-slate-400">/</span> : null}
                    <Link href={`/departments?dept=${p.deptId}`} className={p.deptId === d.deptId ? "font-medium" : "text-slate-600 hover:text-brand-600"}>
                      {p.name}
                    </Link>
                  </span>
                ))}
                {d.isLeader ? <span className="ml-2"><Badge tone="amber">{t("dir.manager")}</Badge></span> : null}
              </li>
            ))}
          </ul>
        </Card>
        <Card title={t("person.managerChain")}>
          {managerChain.length === 0 ? (
            <p className="text-sm text-slate-500">{t("person.none")}</p>
          ) : (
            <ol className="flex flex-col gap-1 text-sm" data-testid="manager-chain">
              {managerChain.map((m) => (
                <li key={m.userId}>
                  <PersonWithTitle p={m} />
                </li>
              ))}
            </ol>
          )}
        </Card>
        <Card title={t("person.directReports")}>
          {directReports.length === 0 ? (
            <p className="text-sm text-slate-500">{t("person.none")}</p>
          ) : (
            <ul className="flex flex-col gap-1 text-sm" data-testid="direct-reports">
              {directReports.map((r) => (
                <li key={r.userId}>
                  <PersonWithTitle p={r} />
                </li>
              ))}
            </ul>
          )}
        </Card>
      </div>
    </>
  );
}

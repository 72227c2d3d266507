/*
 * sqlite-cases.h - what the SQLite driver's files share of the cases
 * table (sqlite-cases.c defines it): the columns a case row is read
 * from, the WHERE clause of the list filters, and how both are used.
 */
#ifndef FQ_SQLITE_CASES_H
#define FQ_SQLITE_CASES_H

#include "sqlite-stmt.h"

/* The columns sqlite_case_row() reads, in its order. */
#define CASE_COLUMNS \
	"id, summary, details, guest_name, room, phone, via, category, " \
	"department, handler, owner, status, major, first_contact, " \
	"waiting_since, waiting_until, created_at, updated_at, closed_at, " \
	"due_accept, due_reply, due_resolve, due_promise, request_key"

/*
 * The WHERE clause shared by every listing (each filter may be null;
 * sqlite_bind_filter() binds them, and :limit).
 */
#define FILTERS \
	"(:status IS NULL OR status = :status) " \
	"AND (:department IS NULL OR department = :department) " \
	"AND (:owner IS NULL OR owner = :owner) " \
	"AND (:handler IS NULL OR handler = :handler) " \
	"AND (:category IS NULL OR category = :category) " \
	"AND (:guest IS NULL OR instr(guest_name, :guest) > 0) " \
	"AND (:room IS NULL OR room = :room) " \
	"AND (:involves IS NULL OR owner = :involves " \
	"     OR handler = :involves) " \
	"AND (:since IS NULL OR created_at >= :since) " \
	"AND (:until IS NULL OR created_at < :until) "

/* Fills c from a row selected with CASE_COLUMNS (text in fq->mem). */
void sqlite_case_row(const struct sq *q, struct fq_case *c);
/* Binds the filters of FILTERS that are set, and :limit. */
void sqlite_bind_filter(struct sq *q, const struct case_filter *f);

#endif

/* shuati-text.c
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "shuati-text.h"

/**
 * shuati_text_locate:
 * @data: the start of a text
 * @at: a place in it
 * @line: (out): the line of @at, from 1
 * @column: (out): the column of @at in bytes, from 1
 *
 * Turns a place in a file's text into what an error message shows.
 */
void
shuati_text_locate (const char *data,
                    const char *at,
                    guint      *line,
                    guint      *column)
{
  const char *line_start = data;

  *line = 1;
  for (const char *p = data; p < at; p++)
    if (*p == '\n')
      {
        (*line)++;
        line_start = p + 1;
      }
  *column = (guint)(at - line_start) + 1;
}

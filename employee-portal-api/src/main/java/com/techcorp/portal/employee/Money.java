package com.techcorp.portal.employee;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.time.format.TextStyle;
import java.util.Locale;

/** How the source documents write months and amounts: "July", "3000 USD", "10 days". */
public final class Money {

    private Money() {
    }

    public static String month(String period) {
        return YearMonth.parse(period).getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
    }

    public static String amount(long minor, String currency) {
        return BigDecimal.valueOf(minor, 2).stripTrailingZeros().toPlainString() + " " + currency;
    }

    public static String days(BigDecimal days) {
        return days.stripTrailingZeros().toPlainString() + " days";
    }
}

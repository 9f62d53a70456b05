package com.techcorp.portal.employee;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.techcorp.oauth.tokenvalidation.RequiresScope;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** TechCorp's Employee Portal API: the calling employee's own records, in the source documents' shapes. */
@Path("/employee")
@Produces(MediaType.APPLICATION_JSON)
public class EmployeeResource {

    public record PayslipView(@JsonProperty("month") String month, @JsonProperty("amount") String amount,
                              @JsonProperty("period") String period, @JsonProperty("amount_minor") long amountMinor,
                              @JsonProperty("currency") String currency) {
    }

    public record Payslips(@JsonProperty("payslips") List<PayslipView> payslips,
                           @JsonProperty("leave_balance") String leaveBalance) {
    }

    public record LeaveBalance(@JsonProperty("leave_balance") String leaveBalance, @JsonProperty("days") BigDecimal days) {
    }

    public record HrUpdateView(@JsonProperty("date") LocalDate date, @JsonProperty("title") String title,
                               @JsonProperty("body") String body) {
    }

    public record HrUpdates(@JsonProperty("hr_updates") List<HrUpdateView> updates) {
    }

    private final Employee employee;
    private final EmployeeRecords records;

    public EmployeeResource(Employee employee, EmployeeRecords records) {
        this.employee = employee;
        this.records = records;
    }

    @GET
    @Path("payslips")
    @RequiresScope("payslips:read")
    public Uni<Payslips> payslips() {
        UUID me = employee.subject();
        return Uni.combine().all().unis(records.payslips(me), records.leaveDays(me)).asTuple()
                .map(t -> new Payslips(t.getItem1().stream()
                        .map(p -> new PayslipView(Money.month(p.period()), Money.amount(p.amountMinor(), p.currency()),
                                p.period(), p.amountMinor(), p.currency()))
                        .toList(), Money.days(t.getItem2())));
    }

    @GET
    @Path("leave-balance")
    @RequiresScope("leave:read")
    public Uni<LeaveBalance> leaveBalance() {
        return records.leaveDays(employee.subject()).map(days -> new LeaveBalance(Money.days(days), days));
    }

    @GET
    @Path("hr-updates")
    @RequiresScope("hr:read")
    public Uni<HrUpdates> hrUpdates() {
        employee.subject(); // company-wide, but for employees only: refuses a token without a user
        return records.hrUpdates().map(list -> new HrUpdates(list.stream()
                .map(u -> new HrUpdateView(u.publishedOn(), u.title(), u.body())).toList()));
    }
}

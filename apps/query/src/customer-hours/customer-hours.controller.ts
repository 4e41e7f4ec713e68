import { Controller, Get, NotFoundException, Param, Query } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { directoryOf, DirectoryVersions } from '@incident/directory';
import {
  assertCustomerScope,
  CurrentPrincipal,
  CurrentScope,
  type CustomerScope,
  type Principal,
  Roles,
} from '@incident/platform';
import { customerHoursOf, listCustomerHours } from '@incident/read-models';
import { DataSource } from 'typeorm';
import { queryValidation } from '../dashboard/incidents.controller';
import { CustomerHoursQuery, ListCustomerHoursQuery } from './customer-hours.query';
import { CustomerHoursListView, CustomerHoursView } from './customer-hours.view';

const monthOf = (date: Date): string => date.toISOString().slice(0, 7);

/** The first instant after the month: the directory version in force then is the one the month ended under. */
const endOf = (period: string): Date => {
  const [year, month] = period.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(year, month, 1));
};

/**
 * Pre-approved hours per customer and month, from read_models.customer_hours. A customer token reads its own
 * customer only; any other customer id is answered 404, as an unknown one, so ids do not leak.
 */
@ApiTags('dashboard')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'No valid bearer token.' })
@ApiForbiddenResponse({ description: 'The token has none of responder, auditor, admin, customer.' })
@Roles('responder', 'auditor', 'customer')
@Controller('v1')
export class CustomerHoursController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly directory: DirectoryVersions,
  ) {}

  @Get('customers/:id/hours')
  @ApiOkResponse({ type: CustomerHoursView, description: 'A month nothing was logged in shows the budget only.' })
  @ApiBadRequestResponse({ description: 'period is not a month, YYYY-MM.' })
  @ApiNotFoundResponse({
    description: "No time logged that month and the directory does not list the customer (or it is another's).",
  })
  async ofCustomer(
    @CurrentPrincipal() principal: Principal,
    @CurrentScope() scope: CustomerScope,
    @Param('id') customerId: string,
    @Query(queryValidation) query: CustomerHoursQuery,
  ): Promise<CustomerHoursView> {
    const notFound = `no customer ${customerId}`;
    assertCustomerScope(principal, customerId, notFound);
    const period = query.period ?? monthOf(new Date());
    const row = await customerHoursOf(this.dataSource, scope, customerId, period);
    if (row) return CustomerHoursView.of(row);
    // Nothing logged that month: the customer must be one the directory knows, and the month's budget is the one
    // in force when it ended (or now, for this month), unknown before the first directory version.
    const known = await this.directory.versionAt();
    if (!known || !directoryOf(known).customers.some((customer) => customer.id === customerId)) {
      throw new NotFoundException(notFound);
    }
    const end = endOf(period);
    const then = end > new Date() ? known : await this.directory.versionAt(end);
    const customer = then && directoryOf(then).customers.find((listed) => listed.id === customerId);
    const budget = customer ? Math.round(customer.preApprovedHoursPerMonth * 60) : null;
    return CustomerHoursView.nothingLogged(customerId, period, budget);
  }

  @Get('customer-hours')
  @ApiOkResponse({ type: CustomerHoursListView })
  @ApiBadRequestResponse({ description: 'A filter is malformed; the message names it.' })
  async list(
    @CurrentScope() scope: CustomerScope,
    @Query(queryValidation) query: ListCustomerHoursQuery,
  ): Promise<CustomerHoursListView> {
    const rows = await listCustomerHours(
      this.dataSource,
      scope,
      {
        ...(query.customer !== undefined && { customerId: query.customer }),
        ...(query.from !== undefined && { fromPeriod: query.from }),
        ...(query.to !== undefined && { toPeriod: query.to }),
        ...(query.overrun !== undefined && { overrun: query.overrun }),
      },
      query.limit ?? 200,
    );
    return { items: rows.map(CustomerHoursView.of) };
  }
}
